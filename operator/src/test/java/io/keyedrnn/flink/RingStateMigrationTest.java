package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.io.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Operator snapshots written by the build before the ring state (key state format 2, the ring
 * inside it) restore: after a model swap the keys replay the inputs the snapshot held, exactly as a
 * job that never stopped.
 *
 * <p>The resources {@code ring-format2-*.snapshot} were written by {@link #writeSnapshots} on
 * commit 2cabbfd (format 2): {@code mvn -o -q -pl operator test -Dtest=RingStateMigrationTest
 * -Dkeyedrnn.writeSnapshots=operator/src/test/resources}.
 */
class RingStateMigrationTest {
    static final Model V1 = TestModels.lstm(3, 6, 1, 11);
    static final Model V2 = TestModels.lstm(3, 6, 2, 22);
    static final int SPLIT = 7;
    static final int END = 10;
    private static final List<String> KEYS = List.of("a", "b", "c");

    static ScoringOptions options() {
        return new ScoringOptions()
                .scoring(Map.of("ring.size", "4", "warmup.events", "2"))
                .startupModel(TestModels.bytes(V1), "test model")
                .ringInOwnState(true)
                .batching(8, 5);
    }

    /** Events t in [from, to) of every key; key "d" only its first two (its ring is not full). */
    static void events(ScoringHarness h, int from, int to) throws Exception {
        for (int t = from; t < to; t++) {
            for (String k : KEYS) {
                h.event(TestModels.event(k, 1000L * t, TestModels.features(k.charAt(0), t, 3)));
            }
            if (t < 2) {
                h.event(TestModels.event("d", 1000L * t, TestModels.features(9, t, 3)));
            }
        }
    }

    /** Before the split, the swap to V2 (replaying each key's ring), the rest. */
    static void afterSplit(ScoringHarness h) throws Exception {
        h.model(TestModels.bytes(V2));
        events(h, SPLIT, END);
        h.event(TestModels.event("d", 1000L * END, TestModels.features(9, END, 3)));
        h.endOfInput();
    }

    static StateBackend backend(String name) {
        return name.equals("rocksdb")
                ? new EmbeddedRocksDBStateBackend()
                : new HashMapStateBackend();
    }

    static String resource(String backend) {
        return "ring-format2-" + backend + ".snapshot";
    }

    @Test
    @EnabledIfSystemProperty(named = "keyedrnn.writeSnapshots", matches = ".+")
    void writeSnapshots() throws Exception {
        Path dir = Path.of(System.getProperty("keyedrnn.writeSnapshots"));
        Files.createDirectories(dir);
        for (String b : List.of("hashmap", "rocksdb")) {
            try (ScoringHarness h = ScoringHarness.onBackend(options(), null, backend(b))) {
                events(h, 0, SPLIT);
                OperatorSnapshotUtil.writeStateHandle(
                        h.snapshot(), dir.resolve(resource(b)).toString());
            }
        }
    }

    /** The predictions after the split of a run that never stopped. */
    private static List<String> straight(String b) throws Exception {
        try (ScoringHarness h = ScoringHarness.onBackend(options(), null, backend(b))) {
            events(h, 0, SPLIT);
            h.snapshot(); // steps the buffer, as the snapshot of the restored run did
            int before = h.predictions().size();
            afterSplit(h);
            List<String> all = h.predictions();
            return all.subList(before, all.size());
        }
    }

    private static List<String> restored(String b, String snapshot) throws Exception {
        return restored(
                b,
                OperatorSnapshotUtil.readStateHandle(
                        OperatorSnapshotUtil.getResourceFilename(snapshot)));
    }

    /** A snapshot of this build (the ring in the ring state) after the events before the split. */
    private static OperatorSubtaskState current(String b) throws Exception {
        try (ScoringHarness h = ScoringHarness.onBackend(options(), null, backend(b))) {
            events(h, 0, SPLIT);
            return h.snapshot();
        }
    }

    private static List<String> restored(String b, OperatorSubtaskState state) throws Exception {
        try (ScoringHarness h = ScoringHarness.onBackend(options(), state, backend(b))) {
            afterSplit(h);
            return h.predictions();
        }
    }

    @Test
    void snapshotOnHeapReplaysItsRingAfterASwap() throws Exception {
        assertEquals(straight("hashmap"), restored("hashmap", current("hashmap")));
    }

    @Test
    void snapshotOnRocksDbReplaysItsRingAfterASwap() throws Exception {
        assertEquals(straight("rocksdb"), restored("rocksdb", current("rocksdb")));
    }

    @Test
    void formatTwoSnapshotOnHeapReplaysItsRingAfterASwap() throws Exception {
        assertEquals(straight("hashmap"), restored("hashmap", resource("hashmap")));
    }

    @Test
    void formatTwoSnapshotOnRocksDbReplaysItsRingAfterASwap() throws Exception {
        assertEquals(straight("rocksdb"), restored("rocksdb", resource("rocksdb")));
    }
}
