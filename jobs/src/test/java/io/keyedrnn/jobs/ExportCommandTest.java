package io.keyedrnn.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyed-rnn export} writes an ONNX file that {@code import} reads back to the same weights,
 * and {@code inspect} says where each model came from.
 */
class ExportCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Cli.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void exportThenImportGivesTheModelAndInspectNamesTheOnnxSource(@TempDir Path dir)
            throws Exception {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU_CHO, 2, 3, 2), 9);
        Path model = dir.resolve("m.safetensors");
        ModelFile.write(new Model(net, ModelMetadata.empty()), model);
        Path onnx = dir.resolve("m.onnx");
        Run export = cli("export", model.toString(), "--out", onnx.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("2-layer gru_cho"), export.out());

        Path back = dir.resolve("back.safetensors");
        Run imp = cli("import", onnx.toString(), "--out", back.toString());
        assertEquals(0, imp.code(), imp.err());
        RecurrentNetwork b = ModelFile.read(back).network();
        assertEquals(CellKind.GRU_CHO, b.cellKind());
        assertArrayEquals(net.layers().get(1).weightHh(), b.layers().get(1).weightHh());

        String sha =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(onnx)));
        Run inspect = cli("inspect", back.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(
                inspect.out().contains("source: onnx, file m.onnx, sha256 " + sha), inspect.out());
    }

    @Test
    void inspectSaysAPlainFileIsPyTorchAndAKeyedRnnFileIsKeyedRnn(@TempDir Path dir)
            throws Exception {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 3, 1), 2);
        Path plain = Path.of("../operator/src/test/resources/onnx/torch_lstm_l2_h4_i3.safetensors");
        String p = cli("inspect", plain.toString()).out();
        assertTrue(p.contains("source: pytorch (plain safetensors file"), p);
        Path own = dir.resolve("own.safetensors");
        ModelFile.write(new Model(net, ModelMetadata.empty().withVersion(3)), own);
        assertTrue(cli("inspect", own.toString()).out().contains("source: keyed-rnn"));
    }

    @Test
    void aCategoricalModelExportsAndImportsBackWithItsVocabulary(@TempDir Path dir)
            throws Exception {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 4, 2, 3, 1), 3);
        List<String> tokens = List.of("a", "b", "<unk>", "<end>");
        Path model = dir.resolve("c.safetensors");
        ModelFile.write(
                new Model(
                        net,
                        new ModelMetadata(1, null, null, null, null, tokens, null, null, 4, null)),
                model);
        Path onnx = dir.resolve("c.onnx");
        Run r = cli("export", model.toString(), "--out", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1-layer gru categorical, 4 tokens"), r.out());

        Path back = dir.resolve("back.safetensors");
        Run imp = cli("import", onnx.toString(), "--out", back.toString());
        assertEquals(0, imp.code(), imp.err());
        Model b = ModelFile.read(back);
        assertTrue(b.network().isCategorical() && b.network().hasSoftmax());
        assertArrayEquals(net.embedding().weight(), b.network().embedding().weight());
        assertEquals(tokens, b.metadata().vocabulary());
        assertEquals(4, b.version());
    }

    @Test
    void aModelTheExportCannotHoldIsRefusedWithTheReason(@TempDir Path dir) {
        Run r = cli("export", dir.resolve("none.safetensors").toString(), "--out", "x.onnx");
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains("none.safetensors"), r.err());
    }
}
