package io.keyedrnn.flink;

import static io.keyedrnn.flink.ModelRecordReaderTest.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.io.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring operator follows model pointers as its options' policy says, and only so. */
class ModelPointerScoringTest {
    private static final Model V1 = TestModels.lstm(3, 6, 1, 11);
    private static final Model V2 = TestModels.lstm(3, 6, 2, 22);

    @TempDir Path tmp;

    private byte[] pointerTo(Path p, byte[] content) {
        return pointer(p.toUri().toString(), ModelRecordReader.sha256(content));
    }

    private static String lastPrediction(ScoringHarness h) throws Exception {
        h.event(TestModels.event("k", 1000L, TestModels.features(0, 0, 3)));
        List<String> p = h.predictions();
        return p.get(p.size() - 1);
    }

    @Test
    void aPointerIntoAnAllowedDirectorySwapsTheModel() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        byte[] v2 = TestModels.bytes(V2);
        Path file = Files.write(dir.resolve("v2.safetensors"), v2);
        ScoringOptions o =
                ScoringHarness.options(TestModels.bytes(V1))
                        .modelPointers(ModelPointerPolicy.of("file", dir.toString()));
        // Flink ships the options to the task serialised: the policy must survive that.
        ScoringOptions shipped = InstantiationUtil.clone(o, getClass().getClassLoader());
        try (ScoringHarness h = ScoringHarness.open(shipped)) {
            h.model(pointerTo(file, v2));
            assertTrue(h.deadLetters().isEmpty(), () -> h.deadLetters().toString());
            assertTrue(lastPrediction(h).contains("\"model_version\":2,"));
        }
    }

    @Test
    void withoutAPolicyAFilePointerIsADeadLetterAndTheModelStays() throws Exception {
        byte[] v2 = TestModels.bytes(V2);
        Path file = Files.write(tmp.resolve("v2.safetensors"), v2);
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(TestModels.bytes(V1)))) {
            h.model(pointerTo(file, v2));
            h.model(pointer("file:///etc/passwd", "0".repeat(64)));
            assertEquals(2, h.deadLetters().size());
            for (DeadLetter d : h.deadLetters()) {
                assertEquals("model_invalid", d.reason);
                assertTrue(d.message.contains("is not in model.uri.schemes (https)"), d.message);
            }
            assertTrue(lastPrediction(h).contains("\"model_version\":1,"));
        }
    }
}
