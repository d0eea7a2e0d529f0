package io.keyedrnn.bench.cell;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.keyedrnn.model.CellKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The same recurrent step through ONNX Runtime Java, one thread, on the model {@code
 * tools/cell_peers/export_onnx.py} exported from PyTorch. Inputs live in direct buffers the input
 * tensors wrap, so a step copies only the new state back.
 */
final class OnnxPeer implements AutoCloseable {
    private final OrtSession session;
    private final FloatBuffer x;
    private final FloatBuffer h;
    private final FloatBuffer c;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Set<String> outputs;
    private final boolean lstm;

    OnnxPeer(Path dir, CellKind cell, int input, int hidden) throws OrtException {
        this(dir, cell, input, hidden, 1);
    }

    /** A peer stepping {@code batch} keys per call (the exported batch axis is dynamic). */
    OnnxPeer(Path dir, CellKind cell, int input, int hidden, int batch) throws OrtException {
        Path file = file(dir, cell, hidden, ".onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(file.toString(), o);
        lstm = cell == CellKind.LSTM;
        x = direct(batch * input);
        h = direct(batch * hidden);
        c = direct(batch * hidden);
        inputs.put("x", OnnxTensor.createTensor(env, x, new long[] {1, batch, input}));
        inputs.put("h0", OnnxTensor.createTensor(env, h, new long[] {1, batch, hidden}));
        if (lstm) {
            inputs.put("c0", OnnxTensor.createTensor(env, c, new long[] {1, batch, hidden}));
        }
        outputs = lstm ? Set.of("h1", "c1") : Set.of("h1");
    }

    /** The exported file for this cell and size; fails with the command that makes it. */
    static Path file(Path dir, CellKind cell, int hidden, String ext) {
        Path f = dir.resolve(cell.name().toLowerCase() + "-" + hidden + ext);
        if (!Files.exists(f)) {
            throw new IllegalStateException(
                    f
                            + " is missing: run /usr/bin/python3 tools/cell_peers/export_onnx.py --out "
                            + dir);
        }
        return f;
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** One step from input xs (batch × input, row-major); returns h[0]. Modified: this peer. */
    float step(float[] xs) throws OrtException {
        x.put(0, xs);
        try (OrtSession.Result r = session.run(inputs, outputs)) {
            h.put(0, ((OnnxTensor) r.get("h1").get()).getFloatBuffer(), 0, h.capacity());
            if (lstm) {
                c.put(0, ((OnnxTensor) r.get("c1").get()).getFloatBuffer(), 0, c.capacity());
            }
        }
        return h.get(0);
    }

    /** The current h. */
    float[] hidden() {
        float[] out = new float[h.capacity()];
        h.get(0, out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        for (OnnxTensor t : inputs.values()) {
            t.close();
        }
        session.close();
    }
}
