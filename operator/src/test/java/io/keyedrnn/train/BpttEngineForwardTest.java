package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batched training forward pass computes bit for bit what the serving step computes. */
class BpttEngineForwardTest {

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void numericForwardEqualsServingStepAcrossChunks(CellKind cell) {
        for (int layers = 1; layers <= 2; layers++) {
            NetworkSpec spec = NetworkSpec.numeric(cell, 5, 11, layers);
            check(spec, 3);
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void tokenForwardEqualsServingStep(CellKind cell) {
        check(NetworkSpec.categorical(cell, 9, 6, 7, 2), 4);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void forwardWithoutHeadEqualsServingStep(CellKind cell) {
        check(new NetworkSpec(cell, 6, 6, 2, 0, 0), 5);
    }

    private static void check(NetworkSpec spec, int chunk) {
        RecurrentNetwork net = NetworkFactory.random(spec, 17 + spec.layers());
        List<Sequence> seqs = TrainData.random(spec, 6, 1, 13, 3);
        Parameters params = Parameters.of(net);
        BpttEngine engine = new BpttEngine(params, seqs.size(), chunk);
        engine.refresh(params.values());
        engine.resetState();
        Chunk c = new Chunk(seqs.size(), chunk, spec.categorical() ? 0 : spec.inputSize());
        Workspace ws = net.newWorkspace();
        float[][] states = new float[seqs.size()][net.stateSize()];
        float[] expected = new float[net.outputSize()];
        float[] actual = new float[engine.outputSize()];
        int maxLen = seqs.get(0).length();
        for (int t0 = 0; t0 < maxLen; t0 += chunk) {
            int steps = Math.min(chunk, maxLen - t0);
            c.fill(seqs, t0, steps);
            engine.forward(c, params.values());
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < c.act[t]; b++) {
                    Sequence s = seqs.get(b);
                    if (s.isNumeric()) {
                        net.step(s.rows()[t0 + t], states[b], expected, ws);
                    } else {
                        net.stepToken(s.tokens()[t0 + t], states[b], expected, ws);
                    }
                    engine.prediction(t, b, actual);
                    if (net.hasSoftmax()) {
                        io.keyedrnn.model.Softmax.inPlace(actual, actual.length);
                    }
                    assertArrayEquals(expected, actual, 0f, s.key() + " step " + (t0 + t));
                }
            }
            float[] end = new float[net.stateSize()];
            for (int b = 0; b < seqs.size(); b++) {
                engine.endState(b, end);
                assertArrayEquals(states[b], end, 0f, "end state of row " + b + " at " + t0);
            }
            engine.carryState();
        }
    }
}
