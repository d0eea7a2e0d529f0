package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer refuses models the reader would refuse or read back as a different model. */
class ModelFileWriteChecksTest {

    private static void assertRefused(Model model, String fragment) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelFile.toBytes(model));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static RecurrentNetwork lstm() {
        return NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 3, 2), 5);
    }

    @Test
    void nonFiniteWeight() {
        RecurrentLayer l = lstm().layers().get(0);
        float[] w = l.weightHh().clone();
        w[4] = Float.POSITIVE_INFINITY;
        RecurrentLayer bad =
                RecurrentLayer.of(CellKind.LSTM, 2, 3, l.weightIh(), w, l.biasIh(), l.biasHh());
        Model m =
                new Model(
                        new RecurrentNetwork(List.of(bad), null, null, false),
                        ModelMetadata.empty());
        assertRefused(m, "tensor weight_hh_l0 holds Infinity at flat index 4");
    }

    @Test
    void mixedCellKinds() {
        RecurrentNetwork gru = NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 3, 3, 1), 6);
        RecurrentNetwork n =
                new RecurrentNetwork(
                        List.of(lstm().layers().get(0), gru.layers().get(0)), null, null, false);
        assertRefused(new Model(n, ModelMetadata.empty()), "layer 1 is gru but layer 0 is lstm");
    }

    @Test
    void metadataThatContradictsTheNetwork() {
        ModelMetadata gruCho =
                new ModelMetadata(1, "gru_cho", null, null, null, null, null, null, 0, null);
        assertRefused(new Model(lstm(), gruCho), "metadata cell gru_cho has 3 gate blocks");
        ModelMetadata linear =
                new ModelMetadata(1, null, "none", null, null, null, null, null, 0, null);
        assertRefused(
                new Model(lstm(), linear), "metadata output 'none' but the file has head.weight");
        ModelMetadata future =
                new ModelMetadata(7, null, null, null, null, null, null, null, 0, null);
        assertRefused(new Model(lstm(), future), "metadata format 7");
    }

    @Test
    void categoricalNetworkWithoutSoftmax() {
        RecurrentNetwork cat =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.RNN_RELU, 6, 2, 3, 1), 7);
        RecurrentNetwork plain =
                new RecurrentNetwork(cat.layers(), cat.embedding(), cat.head(), false);
        assertRefused(
                new Model(plain, ModelMetadata.empty()), "categorical models output a softmax");
    }
}
