package io.keyedrnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.io.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyed-rnn import} writes a model file that loads, and refuses a missing input. */
class ImportCommandTest {
    private static final Path ONNX =
            Path.of("../operator/src/test/resources/onnx/torch_lstm_l2_h4_i3.onnx");

    @Test
    void importsAnOnnxFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.safetensors");
        StringWriter o = new StringWriter();
        int code =
                Cli.run(
                        new String[] {"import", ONNX.toString(), "--out", out.toString()},
                        new PrintWriter(o),
                        new PrintWriter(new StringWriter()));
        assertEquals(0, code, o.toString());
        assertEquals(2, ModelFile.read(out).network().layers().size());
        assertTrue(o.toString().contains("2-layer lstm"), o.toString());
    }

    @Test
    void missingFileIsAUsageError(@TempDir Path dir) {
        int code =
                Cli.run(
                        new String[] {"import", "nope.onnx", "--out", dir.resolve("x").toString()},
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()));
        assertEquals(2, code);
    }
}
