package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An import of torch.onnx.export's file holds exactly the tensors of the module's state_dict. */
class OnnxImportTorchTest {
    private static byte[] resource(String name) throws Exception {
        try (InputStream in = OnnxImportTorchTest.class.getResourceAsStream("/onnx/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "torch_lstm_l2_h4_i3",
                "torch_gru_l3_h5_i2",
                "torch_rnn_tanh_l1_h3_i2",
                "torch_rnn_relu_l2_h3_i4",
                "torch_cat_lstm_l2_v9_e3_h4",
                "torch_cat_gru_l1_v6_e2_h5"
            })
    void importEqualsTheStateDict(String name) throws Exception {
        RecurrentNetwork imported = Onnx.read(resource(name + ".onnx"), name).network();
        Model torch = ModelFile.read(resource(name + ".safetensors"), name);
        RecurrentNetwork expected = torch.network();
        assertEquals(expected.cellKind(), imported.cellKind());
        assertEquals(expected.layers().size(), imported.layers().size());
        for (int k = 0; k < expected.layers().size(); k++) {
            RecurrentLayer e = expected.layers().get(k);
            RecurrentLayer a = imported.layers().get(k);
            assertArrayEquals(e.weightIh(), a.weightIh(), "weight_ih_l" + k);
            assertArrayEquals(e.weightHh(), a.weightHh(), "weight_hh_l" + k);
            assertArrayEquals(e.biasIh(), a.biasIh(), "bias_ih_l" + k);
            assertArrayEquals(e.biasHh(), a.biasHh(), "bias_hh_l" + k);
        }
        assertArrayEquals(expected.head().weight(), imported.head().weight(), "head.weight");
        assertArrayEquals(expected.head().bias(), imported.head().bias(), "head.bias");
        assertEquals(expected.isCategorical(), imported.isCategorical());
        assertEquals(expected.hasSoftmax(), imported.hasSoftmax());
        if (expected.isCategorical()) {
            assertArrayEquals(
                    expected.embedding().weight(), imported.embedding().weight(), "embedding");
        }
    }

    @Test
    void aCategoricalGraphWithoutItsSoftmaxIsRefused() throws Exception {
        String name = "torch_cat_rnn_l1_v5_e2_h3_logits";
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> Onnx.read(resource(name + ".onnx"), name));
        assertTrue(e.getMessage().contains("'logits' is not a Softmax"), e.getMessage());
        // The plain file of the same module is a valid categorical model: keyed-rnn adds the
        // softmax there, as it always has; the ONNX graph states it computes logits.
        assertTrue(ModelFile.read(resource(name + ".safetensors"), name).network().hasSoftmax());
    }
}
