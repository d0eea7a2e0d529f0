package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded byte mutations of the test ONNX files, numeric and categorical: each must import a model
 * that steps, or raise {@link ModelFormatException}; any other throwable (OOM, index errors, NPE)
 * fails the test. An imported mutant must also compute what ONNX Runtime computes from the same
 * bytes ({@link RuntimeOracle}), so a mutation the importer misreads cannot pass as a model.
 */
class OnnxFuzzTest {
    private static final String[] FILES = {
        "torch_lstm_l2_h4_i3",
        "torch_gru_l3_h5_i2",
        "torch_rnn_relu_l2_h3_i4",
        "torch_cat_lstm_l2_v9_e3_h4",
        "torch_cat_gru_l1_v6_e2_h5",
        "hand_gru_lbr1_l2_const",
        "hand_lstm_l3_matmul",
        "hand_rnn_relu_l2"
    };

    @Test
    void mutationsImportOrFailWithTheDocumentedException() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (String f : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/onnx/" + f + ".onnx")) {
                corpus.add(in.readAllBytes());
            }
        }
        // keyed-rnn's own exports: normaliser, denormaliser, Gemm head, Gather and Softmax paths.
        corpus.add(Onnx.toBytes(ExportFixtures.model(CellKind.LSTM, 1)));
        corpus.add(Onnx.toBytes(ExportFixtures.model(CellKind.GRU_CHO, 2)));
        corpus.add(Onnx.toBytes(ExportFixtures.categorical(CellKind.LSTM, 2)));
        corpus.add(Onnx.toBytes(ExportFixtures.categorical(CellKind.RNN_RELU, 1)));
        SplittableRandom rnd = new SplittableRandom(13);
        RuntimeOracle oracle = new RuntimeOracle();
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            int which = rnd.nextInt(corpus.size());
            byte[] b = mutate(corpus.get(which).clone(), rnd);
            Model m;
            try {
                m = Onnx.read(b, "fuzz");
                steps(m.network());
                loaded++;
            } catch (ModelFormatException e) {
                refused++;
                continue;
            } catch (Throwable t) {
                fail("mutation " + i + " threw " + t, t);
                return;
            }
            oracle.check(b, m, rnd.split(), "mutation " + i);
        }
        System.out.printf("onnx fuzz: %d loaded, %d refused; %s%n", loaded, refused, oracle);
        assertTrue(loaded > 0 && refused > 0, loaded + " loaded, " + refused + " refused");
        assertTrue(oracle.compared() > loaded / 2, oracle.toString());
    }

    private static byte[] mutate(byte[] b, SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xff : 0x7f);
        }
        return b;
    }

    /** The model steps; a categorical one on its first and last token id, and refuses the next. */
    private static void steps(RecurrentNetwork n) {
        float[] state = new float[n.stateSize()];
        float[] out = new float[n.outputSize()];
        if (!n.isCategorical()) {
            n.step(new float[n.inputSize()], state, out, n.newWorkspace());
            return;
        }
        int v = n.embedding().vocabularySize();
        n.stepToken(0, state, out, n.newWorkspace());
        n.stepToken(v - 1, state, out, n.newWorkspace());
        assertThrows(
                IllegalArgumentException.class, () -> n.stepToken(v, state, out, n.newWorkspace()));
    }
}
