package io.keyedrnn.bench.flink;

import io.keyedrnn.flink.KeyStateSerializer;
import io.keyedrnn.flink.ParsedRecord;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ScoringConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The baseline: reads and writes a state of the same type and size as the scoring function's (a
 * fresh {@link KeyState} of the same model), touching one float, with no model math.
 */
final class StateOnlyFunction
        extends KeyedProcessFunction<String, ParsedRecord, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final byte[] EMPTY = new byte[0];

    private final byte[] modelFile;
    private final HashMap<String, String> scoring;
    private transient ValueState<KeyState> state;
    private transient ModelServable shapes;

    StateOnlyFunction(byte[] modelFile, Map<String, String> scoring) {
        this.modelFile = modelFile;
        this.scoring = new HashMap<>(scoring); // serialisable
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "key-state", KeyStateSerializer.INSTANCE));
        Model m = ModelFile.read(modelFile, "benchmark model");
        shapes = new ModelServable(m, ScoringConfig.fromMap(scoring));
    }

    @Override
    public void processElement(ParsedRecord r, Context ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        KeyState s = state.value();
        if (s == null) {
            s = shapes.newState();
        }
        s.state[0] += r.event.getFeatures()[0];
        s.eventCount++;
        state.update(s);
        out.collect(Tuple2.of(r.key(), EMPTY));
    }
}
