package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with calendar inputs scored by the Flink job: every event's prediction equals replay's
 * (both derive the inputs from the event time), and holds the event's features only.
 */
class CalendarScoringITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 4;
    private static final int STEPS = 40;
    private static final long T0 = 1_404_691_200_000L; // 2014-07-07T00:00Z, a Monday
    private static final long STEP_MS = 17 * 60_000L;

    @TempDir static Path tmp;

    private static Model model() {
        CalendarInputs both = CalendarInputs.parse("time_of_day,day_of_week");
        int inputs = ItSupport.FEATURES + both.width();
        return new Model(
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, inputs, 8, 1), 5),
                ModelMetadata.empty().withVersion(1).withCalendar(both));
    }

    private static byte[] event(int k, int t, boolean timed) {
        StringBuilder sb = new StringBuilder("{\"key\":\"k").append(k).append('"');
        if (timed) {
            sb.append(",\"ts\":").append(T0 + t * STEP_MS);
        }
        sb.append(",\"features\":[");
        for (int i = 0; i < ItSupport.FEATURES; i++) {
            sb.append(i > 0 ? "," : "").append((float) Math.sin(0.3 * t + k + i));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theJobDerivesWhatReplayDerives() throws Exception {
        Model model = model();
        String prefix = "calendar-";
        ItSupport.createTopics(cluster.kafka(), prefix);
        Map<String, String> s = ItSupport.settings(cluster.kafka(), prefix, tmp.resolve("cp"));
        s.putAll(ItSupport.SCORING);
        s.put("model.path", ItSupport.writeModel(model, tmp, "cal.safetensors").toString());
        List<byte[]> events = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int k = 0; k < KEYS; k++) {
                events.add(event(k, t, true));
            }
        }
        ItSupport.produce(cluster.kafka(), prefix + "events", events);

        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        var predictions = ItSupport.read(cluster.kafka(), prefix + "predictions", events.size());
        cluster.flink().cancel(job);

        var expected = ItSupport.replayRun(model, events, false, ItSupport.SCORING);
        assertEquals(expected.byKey(), ItSupport.byKey(predictions));
        ObjectMapper json = new ObjectMapper();
        var first = json.readTree(predictions.get(0).value());
        assertEquals(ItSupport.FEATURES, first.get("prediction").size(), first.toString());

        var untimed = ItSupport.replayRun(model, List.of(event(0, 0, false)), false, Map.of());
        assertTrue(untimed.errors().contains("missing_timestamp"), untimed.errors());
    }
}
