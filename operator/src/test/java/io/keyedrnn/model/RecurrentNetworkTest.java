package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecurrentNetworkTest {

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void stepAllocatesNothing(CellKind cell) {
        RecurrentNetwork net = NetworkFactory.random(NetworkSpec.numeric(cell, 8, 32, 2), 1);
        Workspace ws = net.newWorkspace();
        float[] state = new float[net.stateSize()];
        float[] out = new float[net.outputSize()];
        float[] x = {1, -2, 3, 0.5f, 0, 7, -1, 2};
        for (int i = 0; i < 20_000; i++) {
            net.step(x, state, out, ws);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // Rounds until C2 has compiled the step: the Vector API path allocates its vectors until
        // then (about 30k steps), after which escape analysis removes them.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 20 && allocated >= 1024; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10_000; i++) {
                net.step(x, state, out, ws);
            }
            allocated = mx.getThreadAllocatedBytes(tid) - before;
        }
        assertTrue(allocated < 1024, cell + " allocated " + allocated + " bytes in 10k steps");
    }

    @Test
    void stateLayoutIsHThenCPerLayer() {
        RecurrentNetwork lstm =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 5, 3), 2);
        assertEquals(30, lstm.stateSize());
        assertEquals(10, lstm.stateOffset(1));
        assertEquals(20, lstm.stateOffset(2));
        RecurrentNetwork gru = NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 3, 5, 3), 2);
        assertEquals(15, gru.stateSize());
        assertEquals(10, gru.stateOffset(2));
    }

    @Test
    void outputWithoutHeadIsTopHidden() {
        RecurrentNetwork net =
                NetworkFactory.random(new NetworkSpec(CellKind.GRU, 2, 4, 2, 0, 0), 3);
        float[] state = new float[net.stateSize()];
        float[] out = new float[net.outputSize()];
        float[] x = {0.3f, -0.7f};
        net.step(x, state, out, net.newWorkspace());
        float[] top = new float[4];
        System.arraycopy(state, net.stateOffset(1), top, 0, 4);
        assertArrayEquals(top, out);
        assertArrayEquals(new float[] {0.3f, -0.7f}, x);
    }

    @Test
    void softmaxOutputSumsToOne() {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.LSTM, 12, 4, 8, 1), 4);
        float[] state = new float[net.stateSize()];
        float[] out = new float[12];
        net.stepToken(5, state, out, net.newWorkspace());
        double sum = 0;
        for (float p : out) {
            assertTrue(p > 0 && p < 1);
            sum += p;
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void badInputsAreRejectedWithoutTouchingState() {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 4, 1), 5);
        float[] state = new float[net.stateSize()];
        float[] out = new float[3];
        Workspace ws = net.newWorkspace();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> net.step(new float[2], state, out, ws));
        assertTrue(e.getMessage().contains("expected 3 features, got 2"), e.getMessage());
        assertArrayEquals(new float[net.stateSize()], state);
        assertThrows(IllegalStateException.class, () -> net.stepToken(1, state, out, ws));
        RecurrentNetwork cat =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 6, 3, 4, 1), 6);
        float[] catState = new float[cat.stateSize()];
        IllegalArgumentException t =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> cat.stepToken(6, catState, new float[6], cat.newWorkspace()));
        assertTrue(t.getMessage().contains("token 6"), t.getMessage());
        assertArrayEquals(new float[cat.stateSize()], catState);
    }

    @Test
    void mismatchedLayersAreRejected() {
        RecurrentLayer a =
                RecurrentLayer.of(
                        CellKind.RNN_TANH,
                        2,
                        3,
                        new float[6],
                        new float[9],
                        new float[3],
                        new float[3]);
        RecurrentLayer b =
                RecurrentLayer.of(
                        CellKind.RNN_TANH,
                        4,
                        3,
                        new float[12],
                        new float[9],
                        new float[3],
                        new float[3]);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new RecurrentNetwork(List.of(a, b), null, null, false));
        assertTrue(
                e.getMessage().contains("layer 1 takes 4 inputs but receives 3"), e.getMessage());
    }
}
