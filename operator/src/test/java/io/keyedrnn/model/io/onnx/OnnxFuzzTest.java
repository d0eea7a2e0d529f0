package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * Seeded byte mutations of the test ONNX files: each must import a model that steps, or raise
 * {@link ModelFormatException}; any other throwable (OOM, index errors, NPE) fails the test.
 */
class OnnxFuzzTest {
    private static final String[] FILES = {
        "torch_lstm_l2_h4_i3", "torch_gru_l3_h5_i2", "torch_rnn_relu_l2_h3_i4",
        "hand_gru_lbr1_l2_const", "hand_lstm_l3_matmul", "hand_rnn_relu_l2"
    };

    @Test
    void mutationsImportOrFailWithTheDocumentedException() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (String f : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/onnx/" + f + ".onnx")) {
                corpus.add(in.readAllBytes());
            }
        }
        // keyed-rnn's own exports: normaliser, denormaliser and Gemm head paths of the importer.
        corpus.add(Onnx.toBytes(ExportFixtures.model(io.keyedrnn.model.CellKind.LSTM, 1)));
        corpus.add(Onnx.toBytes(ExportFixtures.model(io.keyedrnn.model.CellKind.GRU_CHO, 2)));
        SplittableRandom rnd = new SplittableRandom(13);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] b = corpus.get(rnd.nextInt(corpus.size())).clone();
            switch (rnd.nextInt(4)) {
                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                default -> b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xff : 0x7f);
            }
            try {
                Model m = Onnx.read(b, "fuzz");
                RecurrentNetwork n = m.network();
                n.step(
                        new float[n.inputSize()],
                        new float[n.stateSize()],
                        new float[n.outputSize()],
                        n.newWorkspace());
                loaded++;
            } catch (ModelFormatException e) {
                refused++;
            } catch (Throwable t) {
                fail("mutation " + i + " threw " + t, t);
            }
        }
        System.out.printf("onnx fuzz: %d loaded, %d refused%n", loaded, refused);
        assertTrue(loaded > 0 && refused > 0, loaded + " loaded, " + refused + " refused");
    }
}
