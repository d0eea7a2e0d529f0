package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model records hold a file, or point to one by URI and sha256. */
class ModelRecordReaderTest {
    @TempDir Path tmp;

    private static byte[] pointer(String uri, String sha) {
        return ("{\"uri\":\"" + uri + "\",\"sha256\":\"" + sha + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileRecordIsTakenAsIs() throws Exception {
        byte[] file = TestModels.bytes(TestModels.lstm(2, 3, 1, 1));
        assertTrue(ModelRecordReader.looksLikeSafetensors(file));
        assertArrayEquals(file, ModelRecordReader.fileBytes(file, 1 << 20));
    }

    @Test
    void aPointerIsFetchedAndChecked() throws Exception {
        byte[] file = TestModels.bytes(TestModels.lstm(2, 3, 1, 1));
        Path p = tmp.resolve("m.safetensors");
        Files.write(p, file);
        String sha = ModelRecordReader.sha256(file);
        byte[] got = ModelRecordReader.fileBytes(pointer(p.toUri().toString(), sha), 1 << 20);
        assertArrayEquals(file, got);
    }

    @Test
    void aPointerWithAnotherChecksumIsUnavailable() throws Exception {
        byte[] file = TestModels.bytes(TestModels.lstm(2, 3, 1, 1));
        Path p = tmp.resolve("m.safetensors");
        Files.write(p, file);
        byte[] other = Arrays.copyOf(file, file.length + 1);
        String wrong = ModelRecordReader.sha256(other);
        ModelRejected e =
                assertThrows(
                        ModelRejected.class,
                        () ->
                                ModelRecordReader.fileBytes(
                                        pointer(p.toUri().toString(), wrong), 1 << 20));
        assertEquals(JobReason.MODEL_UNAVAILABLE, e.reason);
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void missingFilesOversizedFilesAndOtherSchemesAreRefused() throws Exception {
        String sha = "0".repeat(64);
        Path missing = tmp.resolve("nope.safetensors");
        assertEquals(
                JobReason.MODEL_UNAVAILABLE,
                assertThrows(
                                ModelRejected.class,
                                () ->
                                        ModelRecordReader.fileBytes(
                                                pointer(missing.toUri().toString(), sha), 100))
                        .reason);
        Path big = tmp.resolve("big");
        Files.write(big, new byte[1000]);
        assertEquals(
                JobReason.MODEL_UNAVAILABLE,
                assertThrows(
                                ModelRejected.class,
                                () ->
                                        ModelRecordReader.fileBytes(
                                                pointer(big.toUri().toString(), sha), 100))
                        .reason);
        assertEquals(
                JobReason.MODEL_INVALID,
                assertThrows(
                                ModelRejected.class,
                                () -> ModelRecordReader.fileBytes(pointer("ftp://x/m", sha), 100))
                        .reason);
        assertEquals(
                JobReason.MODEL_INVALID,
                assertThrows(
                                ModelRejected.class,
                                () -> ModelRecordReader.fileBytes(pointer("file:///m", "abc"), 100))
                        .reason);
    }
}
