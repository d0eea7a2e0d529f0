package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.flink.ScoringPipeline;
import io.keyedrnn.jobs.cli.Replay;
import io.keyedrnn.jobs.cli.ReplaySettings;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.Vocabulary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session ends on a MiniCluster (the keyed step in two subtasks): an event-time gap and an end
 * field each give exactly one {@code "end": true} prediction per key and session, and every key's
 * predictions equal what {@code replay} writes for the same events and settings.
 */
class SessionEndITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final List<String> VOCAB = List.of("a", "b", "c", Vocabulary.END);
    private static final Model MODEL =
            new Model(
                    NetworkFactory.random(NetworkSpec.categorical(CellKind.LSTM, 4, 3, 6, 1), 11),
                    new ModelMetadata(1, null, null, null, null, VOCAB, null, null, 1, null));
    private static final int KEYS = 5;
    private static final int SESSIONS = 3;

    /** Each key: SESSIONS sessions of 4 events 10 ms apart, sessions 1 s apart. */
    private static List<String> events(boolean endField) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < KEYS; k++) {
                    long ts = 1_000L * s + 10L * t + k;
                    String token = VOCAB.get((k + s + t) % 3);
                    lines.add(
                            "{\"key\":\"k"
                                    + k
                                    + "\",\"ts\":"
                                    + ts
                                    + ",\"token\":\""
                                    + token
                                    + "\""
                                    + (endField && t == 3 ? ",\"last\":true" : "")
                                    + "}");
                }
            }
        }
        return lines;
    }

    @Test
    void anEventTimeGapEndsEverySessionOnceAsReplayDoes() throws Exception {
        check(events(false), Map.of("session.gap.ms", "500"));
    }

    @Test
    void anEndFieldEndsEverySessionOnceAsReplayDoes() throws Exception {
        check(events(true), Map.of("fields.end", "last"));
    }

    private static void check(List<String> lines, Map<String, String> settings) throws Exception {
        ReplaySettings rs = ReplaySettings.load(null, settings);
        Map<String, List<String>> job = byKey(runJob(lines, rs));
        Map<String, List<String>> replay = byKey(runReplay(lines, rs));
        assertEquals(KEYS, job.size());
        for (List<String> key : job.values()) {
            assertEquals(SESSIONS * 4 + SESSIONS, key.size());
            assertEquals(SESSIONS, key.stream().filter(l -> l.contains("\"end\":true")).count());
            assertEquals(true, key.get(key.size() - 1).contains("\"end\":true"));
        }
        assertEquals(replay, job);
    }

    private static List<String> runJob(List<String> lines, ReplaySettings rs) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Source and parse in one subtask keep each key's order (as Kafka partitions by key do);
        // the keyed step runs in two.
        env.setParallelism(1);
        ItSupport.Streams in = ItSupport.inMemory(env, lines);
        ScoringOptions options =
                new ScoringOptions()
                        .scoring(rs.scoring())
                        .fields(rs.fields())
                        .session(rs.session())
                        .startupModel(ModelFile.toBytes(MODEL), "test model");
        List<String> out = new ArrayList<>();
        DataStream<Tuple2<String, byte[]>> scored =
                ScoringPipeline.apply(in.events(), in.models(), options).predictions();
        ((SingleOutputStreamOperator<Tuple2<String, byte[]>>) scored).setParallelism(2);
        try (CloseableIterator<String> it =
                scored.map(t -> new String(t.f1, StandardCharsets.UTF_8)).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> runReplay(List<String> lines, ReplaySettings rs) throws Exception {
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        new Replay(MODEL, rs, false)
                .run(new ByteArrayInputStream(in), out, new PrintWriter(err, true));
        assertEquals("", err.toString());
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    private static Map<String, List<String>> byKey(List<String> predictions) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String p : predictions) {
            String key = p.substring(p.indexOf(":\"") + 2, p.indexOf("\","));
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return m;
    }
}
