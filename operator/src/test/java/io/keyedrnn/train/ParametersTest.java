package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void tensorsHavePyTorchNamesShapesAndOrder() {
        Parameters p = Parameters.zeros(NetworkSpec.numeric(CellKind.LSTM, 3, 5, 2));
        List<String> names = p.tensors().stream().map(Parameters.Tensor::name).toList();
        assertEquals(
                List.of(
                        "weight_ih_l0",
                        "weight_hh_l0",
                        "bias_ih_l0",
                        "bias_hh_l0",
                        "weight_ih_l1",
                        "weight_hh_l1",
                        "bias_ih_l1",
                        "bias_hh_l1",
                        "head.weight",
                        "head.bias"),
                names);
        assertEquals(new Parameters.Tensor("weight_ih_l0", 0, 20, 3), p.tensor("weight_ih_l0"));
        assertEquals(20 * 5, p.tensor("weight_hh_l1").size());
        assertEquals(3 * 5, p.tensor("head.weight").size());
        int sum = p.tensors().stream().mapToInt(Parameters.Tensor::size).sum();
        assertEquals(sum, p.size());
        Parameters.Tensor last = p.tensors().get(p.tensors().size() - 1);
        assertEquals(p.size(), last.offset() + last.size());
    }

    @Test
    void roundTripsThroughTheServingNetwork() {
        for (NetworkSpec spec :
                List.of(
                        NetworkSpec.numeric(CellKind.GRU_CHO, 4, 6, 2),
                        NetworkSpec.categorical(CellKind.RNN_RELU, 9, 3, 5, 1),
                        new NetworkSpec(CellKind.LSTM, 4, 4, 1, 0, 0))) {
            RecurrentNetwork net = NetworkFactory.random(spec, 3);
            Parameters p = Parameters.of(net);
            assertEquals(spec, p.spec());
            assertEquals(net.parameterCount(), p.size());
            RecurrentNetwork back = p.toNetwork();
            for (int k = 0; k < spec.layers(); k++) {
                RecurrentLayer a = net.layers().get(k);
                RecurrentLayer b = back.layers().get(k);
                assertEquals(a.kind(), b.kind());
                assertArrayEquals(a.weightIh(), b.weightIh());
                assertArrayEquals(a.weightHh(), b.weightHh());
                assertArrayEquals(a.biasIh(), b.biasIh());
                assertArrayEquals(a.biasHh(), b.biasHh());
            }
            assertEquals(net.hasSoftmax(), back.hasSoftmax());
            assertArrayEquals(Parameters.of(back).values(), p.values());
        }
    }

    @Test
    void wrongNamesAndSizesAreNamed() {
        Parameters p = Parameters.zeros(NetworkSpec.numeric(CellKind.GRU, 2, 3, 1));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> p.set("head.bias", new float[3]));
        assertTrue(e.getMessage().contains("head.bias has 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.tensor("weight_ih_l1"));
        assertTrue(e.getMessage().contains("weight_ih_l1"), e.getMessage());
    }

    @Test
    void copiesAreIndependent() {
        Parameters p =
                Parameters.of(
                        NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 3, 1), 1));
        Parameters q = p.copy();
        q.values()[0] += 1f;
        assertEquals(p.values()[0] + 1f, q.values()[0]);
        q.copyFrom(p);
        assertArrayEquals(p.values(), q.values());
    }
}
