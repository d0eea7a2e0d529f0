package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.calibrate.ModelAssembly;
import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.prepare.PreparedData.PreparedKey;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import io.keyedrnn.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training with calendar inputs: preparation derives them as serving does, and both agree. */
class CalendarTrainingTest {
    private static final CalendarInputs BOTH = CalendarInputs.parse("time_of_day,day_of_week");
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_404_691_200_000L; // 2014-07-07T00:00Z, a Monday

    /** Hourly load with a daily shape, per key; the last key also has an event without time. */
    private static History daily(int keys, int hours) {
        List<KeyHistory> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            long[] ts = new long[hours];
            float[][] rows = new float[hours][];
            for (int t = 0; t < hours; t++) {
                ts[t] = T0 + t * HOUR;
                rows[t] = new float[] {(float) (5 + k + 3 * Math.sin(2 * Math.PI * t / 24))};
            }
            if (k == keys - 1) {
                ts[hours / 2] = Event.NO_TIMESTAMP;
            }
            out.add(new KeyHistory("k" + k, ts, rows, null));
        }
        return new History(out, new SkipCounts(), "daily");
    }

    private static Preparation.Options options(CalendarInputs calendar) {
        return new Preparation.Options(
                false, 0, true, 0.25, 100, true, List.of(), false, 0, calendar);
    }

    @Test
    void rowsCarryTheDerivedInputsAfterTheFeaturesAndTheEventsStayRaw() {
        PreparedData d = Preparation.prepare(daily(3, 72), options(BOTH), null, List.of());
        assertEquals(1, d.width());
        assertEquals(5, d.inputWidth());
        assertEquals(5, d.normalizer().size());
        assertEquals(1, d.skipped().events().get("missing_timestamp"));
        PreparedKey k0 = d.keys().get(0);
        assertEquals(1, k0.events()[7].getFeatures().length, "events as serving receives them");
        float[] raw = {k0.events()[7].getFeatures()[0], 0, 0, 0, 0};
        BOTH.derive(T0 + 7 * HOUR, raw, 1);
        float[] z = new float[5];
        d.normalizer().normalize(raw, z);
        assertArrayEquals(z, d.training().get(0).rows()[7]);
    }

    @Test
    void aServedModelPredictsWhatTrainingsForwardPassDoes() throws Exception {
        PreparedData d = Preparation.prepare(daily(2, 96), options(BOTH), null, List.of());
        TrainConfig c =
                TrainConfig.builder().hidden(6).epochs(2).lr(0.01).batchKeys(2).tbptt(24).build();
        TrainResult r =
                new Trainer(c).train(d.training(), d.validation(), new TrainingListener() {});
        Model trained = ModelAssembly.model(r.network(), d, null, 1, null);
        Model m = ModelFile.read(ModelFile.toBytes(trained), "trained.safetensors");
        assertEquals(BOTH, m.metadata().calendarInputs());
        RecurrentNetwork net = m.network();
        Normalizer norm = m.metadata().normalizer();
        ModelServable servable = new ModelServable(m, ScoringConfig.DEFAULTS);
        for (int i = 0; i < d.keys().size(); i++) {
            PreparedKey k = d.keys().get(i);
            Sequence whole = d.validation().get(i);
            KeyState s = servable.newState();
            float[] state = new float[net.stateSize()];
            float[] pred = new float[net.outputSize()];
            float[] raw = new float[net.outputSize()];
            Workspace ws = net.newWorkspace();
            for (int t = 0; t < k.events().length; t++) {
                net.step(whole.rows()[t], state, pred, ws);
                Prediction p = servable.process(k.events()[t], s);
                norm.denormalize(pred, raw);
                assertEquals(1, p.length);
                assertEquals(raw[0], p.values[0], "key " + k.key() + " event " + t);
                assertArrayEquals(state, s.state);
            }
        }
    }

    @Test
    void aRetrainingKeepsTheInitialModelsCalendarAndRefusesAnother() throws Exception {
        PreparedData d = Preparation.prepare(daily(2, 48), options(BOTH), null, List.of());
        TrainConfig c = TrainConfig.builder().hidden(4).epochs(1).batchKeys(2).build();
        TrainResult r =
                new Trainer(c).train(d.training(), d.validation(), new TrainingListener() {});
        Model init = ModelAssembly.model(r.network(), d, null, 1, null);
        PreparedData again = Preparation.prepare(daily(2, 48), options(null), init, List.of());
        assertEquals(BOTH, again.calendar());
        assertEquals(1, again.width());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Preparation.prepare(
                                        daily(2, 48),
                                        options(CalendarInputs.parse("time_of_day")),
                                        init,
                                        List.of()));
        assertTrue(e.getMessage().contains("differs from the initial model's"), e.getMessage());
        PreparedData none = Preparation.prepare(daily(2, 48), options(null), null, List.of());
        assertEquals(CalendarInputs.NONE, none.calendar());
        assertEquals(1, none.inputWidth());
        assertTrue(
                Arrays.asList(none.keys().get(1).events()).stream()
                        .anyMatch(ev -> !ev.hasTimestamp()));
    }
}
