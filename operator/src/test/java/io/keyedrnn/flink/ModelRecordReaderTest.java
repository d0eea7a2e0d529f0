package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model records hold a file, or point to one by URI and sha256, as the pointer policy allows. */
class ModelRecordReaderTest {
    @TempDir Path tmp;
    private Path models;
    private Path outside;
    private byte[] file;
    private ModelPointerPolicy policy;

    @BeforeEach
    void files() throws Exception {
        models = Files.createDirectory(tmp.resolve("models"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        file = TestModels.bytes(TestModels.lstm(2, 3, 1, 1));
        policy = ModelPointerPolicy.of("file,https", models.toString());
    }

    static byte[] pointer(String uri, String sha) {
        return ("{\"uri\":\"" + uri + "\",\"sha256\":\"" + sha + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] pointerTo(Path p, byte[] content) {
        return pointer(p.toUri().toString(), ModelRecordReader.sha256(content));
    }

    private ModelRejected refused(byte[] record) {
        return assertThrows(
                ModelRejected.class, () -> ModelRecordReader.fileBytes(record, 1 << 20, policy));
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> '"' + message + "\" lacks \"" + f + '"');
        }
    }

    @Test
    void aFileRecordIsTakenAsIs() throws Exception {
        assertTrue(ModelRecordReader.looksLikeSafetensors(file));
        assertArrayEquals(file, ModelRecordReader.fileBytes(file, 1 << 20));
    }

    @Test
    void aPointerIntoAnAllowedDirectoryIsReadAndChecked() throws Exception {
        Path p = Files.write(models.resolve("m.safetensors"), file);
        assertArrayEquals(file, ModelRecordReader.fileBytes(pointerTo(p, file), 1 << 20, policy));
        Path sub = Files.createDirectories(models.resolve("v2"));
        Path link = Files.createSymbolicLink(sub.resolve("latest"), p);
        assertArrayEquals(
                file, ModelRecordReader.fileBytes(pointerTo(link, file), 1 << 20, policy));
    }

    @Test
    void byDefaultFilePointersAreRefused() throws Exception {
        Path p = Files.write(models.resolve("m.safetensors"), file);
        ModelRejected e =
                assertThrows(
                        ModelRejected.class,
                        () -> ModelRecordReader.fileBytes(pointerTo(p, file), 1 << 20));
        assertEquals(JobReason.MODEL_INVALID, e.reason);
        assertContains(e.getMessage(), "scheme file is not in model.uri.schemes (https)");
    }

    @Test
    void aFileOutsideTheAllowedDirectoriesIsNeverLookedAt() throws Exception {
        Path real = Files.write(outside.resolve("secret"), "top secret".getBytes());
        Path missing = outside.resolve("missing");
        String a = refused(pointerTo(real, file)).getMessage();
        String b = refused(pointerTo(missing, file)).getMessage();
        assertContains(a, "is not under model.uri.allowed-dirs");
        // Existing or not, the answer is the same: pointers cannot probe the file system.
        assertEquals(a.replace("secret", "missing"), b);
        String passwd = refused(pointer("file:///etc/passwd", "0".repeat(64))).getMessage();
        assertContains(passwd, "is not under model.uri.allowed-dirs");
        String dots = models.toUri() + "../outside/secret";
        assertContains(refused(pointer(dots, "0".repeat(64))).getMessage(), "is not under");
    }

    @Test
    void aSymlinkOutOfTheAllowedDirectoryIsRefused() throws Exception {
        Path secret = Files.write(outside.resolve("secret"), file);
        Path link = Files.createSymbolicLink(models.resolve("innocent.safetensors"), secret);
        ModelRejected e = refused(pointerTo(link, file));
        assertEquals(JobReason.MODEL_INVALID, e.reason);
        assertContains(e.getMessage(), "is not under model.uri.allowed-dirs");
        Path dirLink = Files.createSymbolicLink(models.resolve("elsewhere"), outside);
        assertContains(
                refused(pointerTo(dirLink.resolve("secret"), file)).getMessage(), "is not under");
        Path proc = Files.createSymbolicLink(models.resolve("env"), Path.of("/proc/self/environ"));
        assertContains(refused(pointerTo(proc, file)).getMessage(), "is not under");
    }

    @Test
    void directoriesAndProcFilesAreNotModelFiles() throws Exception {
        Path dir = Files.createDirectory(models.resolve("v7.safetensors"));
        ModelRejected e = refused(pointerTo(dir, file));
        assertContains(e.getMessage(), "is not a regular file");
        assertContains(refused(pointerTo(models, file)).getMessage(), "is not under");
        policy = ModelPointerPolicy.of("file", "/proc");
        for (String f : new String[] {"/proc/self/environ", "/proc/self/status"}) {
            ModelRejected p = refused(pointer("file://" + f, "0".repeat(64)));
            assertEquals(JobReason.MODEL_INVALID, p.reason);
            assertContains(p.getMessage(), "empty or changed size while being read");
        }
    }

    @Test
    void aChecksumMismatchNeverEchoesTheFile() throws Exception {
        Path p = Files.write(models.resolve("m.safetensors"), file);
        byte[] other = Arrays.copyOf(file, file.length + 1);
        String wrong = ModelRecordReader.sha256(other);
        ModelRejected e = refused(pointer(p.toUri().toString(), wrong));
        assertEquals(JobReason.MODEL_UNAVAILABLE, e.reason);
        assertContains(e.getMessage(), "does not match the pointer's sha256");
        assertFalse(e.getMessage().contains(ModelRecordReader.sha256(file)), e.getMessage());
        // Beyond the pointer's own URI, not one digit: no size, no hash, no header length.
        String rest = e.getMessage().replace(p.toUri().toString(), "").replace("sha256", "");
        assertFalse(rest.matches(".*[0-9].*"), e.getMessage());
    }

    @Test
    void missingOversizedAndMalformedPointersAreRefused() throws Exception {
        String sha = "0".repeat(64);
        ModelRejected missing = refused(pointer(models.resolve("nope").toUri().toString(), sha));
        assertEquals(JobReason.MODEL_UNAVAILABLE, missing.reason);
        assertContains(missing.getMessage(), "no such file");
        Path big = Files.write(models.resolve("big"), new byte[1000]);
        ModelRejected tooBig =
                assertThrows(
                        ModelRejected.class,
                        () -> ModelRecordReader.fileBytes(pointerTo(big, file), 100, policy));
        assertEquals(JobReason.MODEL_UNAVAILABLE, tooBig.reason);
        assertContains(tooBig.getMessage(), "larger than the limit of 100 bytes");
        assertEquals(JobReason.MODEL_INVALID, refused(pointer("ftp://x/m", sha)).reason);
        assertEquals(JobReason.MODEL_INVALID, refused(pointer("file:///m", "abc")).reason);
        assertContains(refused(pointer("file://host/models/m", sha)).getMessage(), "without host");
        byte[] extra = "{\"uri\":\"https://h/m\",\"sha256\":\"x\",\"size\":3}".getBytes();
        assertContains(refused(extra).getMessage(), "unknown field 'size'");
        byte[] twice = "{\"uri\":\"https://h/m\",\"uri\":\"file:///etc/passwd\"}".getBytes();
        assertContains(refused(twice).getMessage(), "not valid JSON", "Duplicate");
        assertContains(refused("{\"uri\":7}".getBytes()).getMessage(), "\"uri\" as a string");
    }

    @Test
    void aPolicyIsCheckedWhenTheJobIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> ModelPointerPolicy.of("file", null));
        assertThrows(IllegalArgumentException.class, () -> ModelPointerPolicy.of("ftp", null));
        assertThrows(IllegalArgumentException.class, () -> ModelPointerPolicy.of(" ", null));
        assertThrows(IllegalArgumentException.class, () -> ModelPointerPolicy.of("file", "models"));
        assertEquals("file,https", ModelPointerPolicy.of("FILE, https", "/m/").schemesText());
    }
}
