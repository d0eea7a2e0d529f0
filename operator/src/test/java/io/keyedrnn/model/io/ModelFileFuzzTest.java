package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded mutations of valid files: each must load a usable model or raise {@link
 * ModelFormatException}; any other throwable (OOM, index out of bounds, NPE ...) fails the test.
 */
class ModelFileFuzzTest {
    private static final int MUTATIONS = 10_000;
    private static final long SEED = 20240601L;
    private static final String[] GOLDEN = {
        "lstm_l1_h1_i1",
        "gru_cho_l1_h1_i1",
        "rnn_relu_l1_h2_i1",
        "cat_gru_l2_h16_e6_v12",
        "lstm_l1_h2_i3_head"
    };

    private static List<byte[]> corpus() throws Exception {
        List<byte[]> files = new ArrayList<>();
        long seed = 1;
        for (CellKind cell : CellKind.values()) {
            for (ModelFileRoundTripTest.Variant v : ModelFileRoundTripTest.Variant.values()) {
                RecurrentNetwork n =
                        NetworkFactory.random(spec(cell, v, (int) (seed % 3) + 1), seed++);
                files.add(
                        ModelFile.toBytes(
                                new Model(n, ModelFileRoundTripTest.fullMetadata(n, seed))));
            }
        }
        files.add(RawSafetensors.plain(4, 2, 3, 2, 2).bytes());
        files.add(RawSafetensors.plain(1, 1, 1, 1, 0).drop("bias_ih_l0", "bias_hh_l0").bytes());
        RawSafetensors mixed =
                RawSafetensors.plain(3, 1, 1, 1, 0).drop("bias_ih_l0", "weight_hh_l0");
        mixed.raw("bias_ih_l0", "F16", new int[] {3}, new byte[] {0, 0x3c, 0, (byte) 0xbc, 0, 0});
        mixed.raw("weight_hh_l0", "F64", new int[] {3, 1}, new byte[24]);
        files.add(mixed.bytes());
        for (String name : GOLDEN) {
            try (InputStream in =
                    ModelFileFuzzTest.class.getResourceAsStream(
                            "/golden/" + name + "/model.safetensors")) {
                if (in != null) {
                    files.add(in.readAllBytes());
                }
            }
        }
        return files;
    }

    private static NetworkSpec spec(CellKind cell, ModelFileRoundTripTest.Variant v, int layers) {
        switch (v) {
            case NO_HEAD:
                return new NetworkSpec(cell, 2, 3, layers, 0, 0);
            case CATEGORICAL:
                return NetworkSpec.categorical(cell, 4, 2, 3, layers);
            default:
                return NetworkSpec.numeric(cell, 2, 3, layers);
        }
    }

    @Test
    void mutatedFilesLoadOrFailWithTheDocumentedException() throws Exception {
        List<byte[]> corpus = corpus();
        for (byte[] f : corpus) {
            ModelFile.read(f, "seed"); // every seed file is valid
        }
        Mutator mutator = new Mutator(corpus, SEED);
        int loaded = 0;
        Set<String> problems = new HashSet<>();
        long start = System.nanoTime();
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] bytes = mutator.next();
            try {
                Model m = ModelFile.read(bytes, "fuzz");
                checkUsable(m, i);
                loaded++;
            } catch (ModelFormatException e) {
                problems.add(e.problem().replaceAll("[0-9]+", "#"));
            } catch (Throwable t) {
                fail(
                        "mutation "
                                + i
                                + " (seed "
                                + SEED
                                + ", "
                                + bytes.length
                                + " bytes) threw "
                                + t
                                + "\nheader: "
                                + headerText(bytes),
                        t);
            }
        }
        System.out.printf(
                "fuzz: %d mutations in %d ms, %d loaded, %d distinct problems%n",
                MUTATIONS, (System.nanoTime() - start) / 1_000_000, loaded, problems.size());
        assertTrue(loaded > 0, "some mutations (e.g. of weight values) leave a valid model");
        assertTrue(problems.size() >= 30, "mutations reach many checks: " + problems);
    }

    /** A loaded model must step, and write back to bytes that read back to the same bytes. */
    private static void checkUsable(Model m, int i) throws ModelFormatException {
        RecurrentNetwork n = m.network();
        float[] state = new float[n.stateSize()];
        float[] out = new float[n.outputSize()];
        if (n.isCategorical()) {
            n.stepToken(n.inputSize() - 1, state, out, n.newWorkspace());
        } else {
            n.step(new float[n.inputSize()], state, out, n.newWorkspace());
        }
        byte[] written = ModelFile.toBytes(m);
        assertArrayEquals(
                written, ModelFile.toBytes(ModelFile.read(written, "rewrite")), "mutation " + i);
    }

    private static String headerText(byte[] f) {
        if (f.length < 8) {
            return "(none)";
        }
        long n = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        int len = (int) Math.max(0, Math.min(n, Math.min(f.length - 8, 2000)));
        return new String(f, 8, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
