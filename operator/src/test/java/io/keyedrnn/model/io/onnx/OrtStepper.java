package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OrtValues.flat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps any of the test ONNX files one event per run in ONNX Runtime, the way a stateless server
 * would: input 0 is the event (features, or a token id when it is INT64), every further input is
 * state, fed back from the output at the same position (zeros for a new key).
 */
final class OrtStepper implements AutoCloseable {
    /** Refuse to feed a declared shape above this many values (a fuzzed file may state any). */
    private static final long MAX_VALUES = 1 << 16;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> inputs;
    private final List<long[]> shapes = new ArrayList<>();
    private final boolean tokens;

    OrtStepper(byte[] onnx) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        this.session = env.createSession(onnx, o);
        this.inputs = new ArrayList<>(session.getInputNames());
        Map<String, ai.onnxruntime.NodeInfo> info = session.getInputInfo();
        boolean ids = false;
        for (int i = 0; i < inputs.size(); i++) {
            TensorInfo t = (TensorInfo) info.get(inputs.get(i)).getInfo();
            long[] shape = t.getShape();
            for (int d = 0; d < shape.length; d++) {
                shape[d] = shape[d] < 0 ? 1 : shape[d];
            }
            shapes.add(shape);
            ids |= i == 0 && t.type == OnnxJavaType.INT64;
        }
        this.tokens = ids;
    }

    /** Whether the first input takes token ids. */
    boolean takesTokens() {
        return tokens;
    }

    /**
     * One run: {@code x} (features) or {@code token} into input 0, the key's state (by input name)
     * into the rest. Returns output 0, the prediction. Modified: state.
     */
    float[] step(float[] x, long token, Map<String, float[]> state) throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                String name = inputs.get(i);
                long[] shape = shapes.get(i);
                long n = count(shape);
                if (i == 0 && tokens) {
                    long[] ids = new long[(int) n];
                    java.util.Arrays.fill(ids, token);
                    feed.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                } else {
                    float[] v = i == 0 ? x : state.getOrDefault(name, new float[(int) n]);
                    feed.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape));
                }
            }
            try (OrtSession.Result r = session.run(feed)) {
                for (int i = 1; i < inputs.size(); i++) {
                    state.put(inputs.get(i), flat(r.get(i)));
                }
                return flat(r.get(0));
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static long count(long[] shape) throws OrtException {
        long n = 1;
        for (long d : shape) {
            n *= d;
            if (n > MAX_VALUES || n < 0) {
                throw new OrtException("declared input shape too large to feed");
            }
        }
        return n;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
