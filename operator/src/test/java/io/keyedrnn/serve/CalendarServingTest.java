package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A model with calendar inputs: the servable derives them from the event time, steps the network on
 * features and calendar inputs, and scores and reports the event's own features only.
 */
class CalendarServingTest {
    private static final CalendarInputs BOTH = CalendarInputs.parse("time_of_day,day_of_week");
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_404_691_200_000L; // 2014-07-07T00:00Z, a Monday
    private static final int RING = 6;

    /** 2 features, then 4 calendar inputs; predicts all 6 (as the trainer's next-step head). */
    private static Model model(long seed, long version) {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 6, 5, 1), seed);
        Normalizer n =
                new Normalizer(
                        new float[] {10f, -1f, 0.1f, -0.1f, 0f, 0.2f},
                        new float[] {3f, 0.5f, 0.7f, 0.7f, 0.6f, 0.8f});
        ModelMetadata m =
                new ModelMetadata(
                                1, "lstm", "linear", "numeric", null, null, n, null, version, null)
                        .withCalendar(BOTH);
        return new Model(net, m);
    }

    private static float[] x(int t) {
        return new float[] {10f + (float) Math.sin(t / 3.0), -1f + 0.1f * (t % 5)};
    }

    /** The network's input as training builds it: features, derived inputs, normalised. */
    private static float[] input(Model m, long ts, float[] features) {
        float[] raw = Arrays.copyOf(features, 6);
        BOTH.derive(ts, raw, 2);
        float[] z = new float[6];
        m.metadata().normalizer().normalize(raw, z);
        return z;
    }

    @Test
    void stepsOnDerivedInputsAndScoresTheFeaturesOnly() {
        Model m = model(4, 1);
        ModelServable servable = new ModelServable(m, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        RecurrentNetwork net = m.network();
        float[] state = new float[net.stateSize()];
        float[] pred = new float[6];
        Workspace ws = net.newWorkspace();
        Normalizer norm = m.metadata().normalizer();
        for (int t = 0; t < 40; t++) {
            long ts = T0 + t * 5 * HOUR;
            float[] z = input(m, ts, x(t));
            double expectedError =
                    ((double) (z[0] - pred[0]) * (z[0] - pred[0])
                                    + (double) (z[1] - pred[1]) * (z[1] - pred[1]))
                            / 2;
            net.step(z, state, pred, ws);
            Prediction p = servable.process(Event.numeric("k", ts, x(t)), s);
            assertArrayEquals(state, s.state, "state at " + t);
            assertEquals(2, p.length, "the output holds the event's features only");
            float[] raw = new float[6];
            norm.denormalize(pred, raw);
            assertArrayEquals(Arrays.copyOf(raw, 2), Arrays.copyOf(p.values, 2));
            if (t > 0) {
                assertEquals(expectedError, p.error, 1e-6 * expectedError, "error at " + t);
            }
        }
    }

    @Test
    void anEventWithoutTimeIsRefusedAndLeavesTheStateAlone() {
        Model m = model(4, 3);
        ModelServable servable = new ModelServable(m, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        servable.process(Event.numeric("k", T0, x(0)), s);
        KeyState before = s.copy();
        Event untimed = Event.numeric("k", Event.NO_TIMESTAMP, x(1));
        assertEquals(RejectReason.MISSING_TIMESTAMP, servable.check(untimed, s));
        assertNull(servable.process(untimed, s));
        assertEquals(before, s, "state unchanged");
        String why = RejectMessages.describe(RejectReason.MISSING_TIMESTAMP, untimed, s, servable);
        assertTrue(why.contains("[time_of_day, day_of_week]"), why);
        assertTrue(why.contains("model version 3"), why);
        assertEquals("missing_timestamp", RejectReason.MISSING_TIMESTAMP.id());
        Event six = Event.numeric("k", T0 + HOUR, new float[6]);
        assertEquals(RejectReason.WRONG_FEATURE_COUNT, servable.check(six, s));
        String count = RejectMessages.describe(RejectReason.WRONG_FEATURE_COUNT, six, s, servable);
        assertTrue(count.endsWith("takes 2"), count);
    }

    @Test
    void replayAfterASwapStepsTheRingsDerivedInputsThroughTheNewModel() {
        ScoringConfig cfg =
                ScoringConfig.DEFAULTS.withRingSize(RING).withSwapPolicy(SwapPolicy.REPLAY);
        Model v1 = model(4, 1);
        ModelServable first = new ModelServable(v1, cfg);
        KeyState s = first.newState();
        int n = 15;
        for (int t = 0; t < n; t++) {
            first.process(Event.numeric("k", T0 + t * 7 * HOUR, x(t)), s);
        }
        Model v2 = model(77, 2);
        new ModelServable(v2, cfg).adopt(s);
        RecurrentNetwork net = v2.network();
        float[] state = new float[net.stateSize()];
        float[] pred = new float[6];
        Workspace ws = net.newWorkspace();
        for (int t = n - RING; t < n; t++) {
            net.step(input(v2, T0 + t * 7 * HOUR, x(t)), state, pred, ws);
        }
        assertArrayEquals(state, s.state);
        assertArrayEquals(pred, s.prediction);
    }

    @Test
    void aModelWithOtherCalendarInputsIsAnotherInput() {
        Model plain =
                new Model(
                        NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 6, 5, 1), 4),
                        ModelMetadata.empty().withVersion(1));
        KeyState a = new ModelServable(plain, ScoringConfig.DEFAULTS).newState();
        KeyState b = new ModelServable(model(4, 1), ScoringConfig.DEFAULTS).newState();
        assertEquals(6, a.inputSignature, "without calendar: the input count, as before");
        assertTrue(a.inputSignature != b.inputSignature);
    }
}
