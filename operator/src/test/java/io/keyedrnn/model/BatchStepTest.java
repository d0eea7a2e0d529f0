package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batched step gives every key exactly the bits of its single step, over random batches. */
class BatchStepTest {
    private static final int KEYS = 90;

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void numericBatchesEqualSingleStepsBitForBit(CellKind cell) {
        SplittableRandom rnd = new SplittableRandom(cell.ordinal() * 1000L + 7);
        for (int trial = 0; trial < 10; trial++) {
            int hidden = trial == 0 ? 33 : 1 + rnd.nextInt(70);
            int head = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(9);
            NetworkSpec spec =
                    new NetworkSpec(cell, 1 + rnd.nextInt(13), hidden, 1 + rnd.nextInt(3), head, 0);
            compare(RandomNetworks.of(spec, rnd), rnd, spec.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void gaussianHeadBatchesEqualSingleStepsBitForBit(CellKind cell) {
        SplittableRandom rnd = new SplittableRandom(cell.ordinal() * 1000L + 9);
        for (int trial = 0; trial < 4; trial++) {
            NetworkSpec spec =
                    NetworkSpec.gaussian(
                            cell, 1 + rnd.nextInt(5), 1 + rnd.nextInt(40), 1 + rnd.nextInt(2));
            compare(RandomNetworks.of(spec, rnd), rnd, spec.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void tokenBatchesEqualSingleStepsBitForBit(CellKind cell) {
        SplittableRandom rnd = new SplittableRandom(cell.ordinal() * 1000L + 8);
        for (int trial = 0; trial < 4; trial++) {
            NetworkSpec spec =
                    NetworkSpec.categorical(
                            cell,
                            2 + rnd.nextInt(20),
                            1 + rnd.nextInt(9),
                            1 + rnd.nextInt(40),
                            1 + rnd.nextInt(3));
            compare(RandomNetworks.of(spec, rnd), rnd, spec.toString());
        }
    }

    /** Rounds of batches of 1..64 distinct keys drawn from a pool, against one step at a time. */
    private static void compare(RecurrentNetwork net, SplittableRandom rnd, String what) {
        float[][] single = new float[KEYS][net.stateSize()];
        float[][] batched = new float[KEYS][net.stateSize()];
        Workspace ws = net.newWorkspace();
        BatchWorkspace bws = net.newBatchWorkspace(64);
        int[] sizes = {1, 64, 2, 3, 31, 32, 33, 17, 63, 5};
        for (int round = 0; round < sizes.length + 4; round++) {
            int n = round < sizes.length ? sizes[round] : 1 + rnd.nextInt(64);
            int[] keys = distinctKeys(rnd, n);
            float[][] outs = new float[n][net.outputSize()];
            float[][] states = new float[n][];
            float[] expected = new float[net.outputSize()];
            float[][] features = new float[n][];
            int[] tokens = new int[n];
            for (int b = 0; b < n; b++) {
                states[b] = batched[keys[b]];
                features[b] = RandomNetworks.input(rnd, net.layers().get(0).inputSize());
                tokens[b] = rnd.nextInt(net.inputSize());
            }
            if (net.isCategorical()) {
                net.stepTokenBatch(tokens, states, outs, n, bws);
            } else {
                net.stepBatch(features, states, outs, n, bws);
            }
            for (int b = 0; b < n; b++) {
                if (net.isCategorical()) {
                    net.stepToken(tokens[b], single[keys[b]], expected, ws);
                } else {
                    net.step(features[b], single[keys[b]], expected, ws);
                }
                String where = what + " round " + round + " n " + n + " slot " + b;
                assertSameBits(expected, outs[b], where + " output");
                assertSameBits(single[keys[b]], batched[keys[b]], where + " state");
            }
        }
    }

    private static int[] distinctKeys(SplittableRandom rnd, int n) {
        List<Integer> pool = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            pool.add(k);
        }
        int[] keys = new int[n];
        for (int b = 0; b < n; b++) {
            keys[b] = pool.remove(rnd.nextInt(pool.size()));
        }
        return keys;
    }

    static void assertSameBits(float[] expected, float[] actual, String where) {
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a) {
                fail(where + " [" + i + "]: single " + expected[i] + ", batched " + actual[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void batchAllocatesNothing(CellKind cell) {
        RecurrentNetwork net = NetworkFactory.random(NetworkSpec.numeric(cell, 8, 32, 2), 1);
        BatchWorkspace ws = net.newBatchWorkspace(32);
        float[][] states = new float[32][net.stateSize()];
        float[][] outs = new float[32][net.outputSize()];
        float[][] xs = new float[32][];
        for (int b = 0; b < 32; b++) {
            xs[b] = RandomNetworks.input(new SplittableRandom(b), 8);
        }
        for (int i = 0; i < 2_000; i++) {
            net.stepBatch(xs, states, outs, 32, ws);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean)
                        java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000; i++) {
            net.stepBatch(xs, states, outs, 1 + i % 32, ws);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, cell + " allocated " + allocated + " bytes in 1k batches");
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void badSlotLeavesEveryStateUnchanged(CellKind cell) {
        SplittableRandom rnd = new SplittableRandom(5);
        RecurrentNetwork net = RandomNetworks.of(NetworkSpec.numeric(cell, 3, 6, 2), rnd);
        BatchWorkspace ws = net.newBatchWorkspace(4);
        float[][] states = new float[3][net.stateSize()];
        states[0][0] = 0.5f;
        float[][] outs = new float[3][net.outputSize()];
        float[][] shortInput = {new float[3], new float[3], new float[2]};
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> net.stepBatch(shortInput, states, outs, 3, ws));
        assertTrue(e.getMessage().contains("slot 2"), e.getMessage());
        float[][] shared = {states[0], states[1], states[0]};
        float[][] ok = {new float[3], new float[3], new float[3]};
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> net.stepBatch(ok, shared, outs, 3, ws));
        assertTrue(e.getMessage().contains("share one state"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.stepBatch(ok, states, outs, 5, ws));
        assertEquals(0.5f, states[0][0]);
        for (int b = 0; b < 3; b++) {
            for (int i = b == 0 ? 1 : 0; i < net.stateSize(); i++) {
                assertEquals(0f, states[b][i], "slot " + b + " changed");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void tokenOutsideVocabularyLeavesStatesUnchanged(CellKind cell) {
        SplittableRandom rnd = new SplittableRandom(6);
        RecurrentNetwork net = RandomNetworks.of(NetworkSpec.categorical(cell, 5, 3, 4, 1), rnd);
        float[][] states = new float[2][net.stateSize()];
        float[][] outs = new float[2][net.outputSize()];
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        net.stepTokenBatch(
                                new int[] {1, 5}, states, outs, 2, net.newBatchWorkspace(2)));
        for (float[] s : states) {
            for (float v : s) {
                assertEquals(0f, v);
            }
        }
    }
}
