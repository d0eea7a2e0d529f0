package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OnnxEdits.input;
import static io.keyedrnn.model.io.onnx.OnnxEdits.node;
import static io.keyedrnn.model.io.onnx.OnnxImportRefusalTest.refused;
import static io.keyedrnn.model.io.onnx.OnnxImportRefusalTest.refusedAttr;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.ModelMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The importer's refusals for what a categorical graph adds (the Gather of the token ids on the
 * embedding table, the Softmax on the head), on a categorical export with one thing changed.
 */
class OnnxImportCategoricalRefusalTest {
    private static final OnnxModel CAT =
            OnnxExporter.export(ExportFixtures.categorical(CellKind.LSTM, 2));
    private static final OnnxTensor TABLE = CAT.graph().initializers().get("embedding.weight");

    private static OnnxModel table(long[] dims, float[] values) {
        OnnxTensor t =
                values == null
                        ? new OnnxTensor(TABLE.name(), 1, dims, TABLE.raw(), null, null, null)
                        : OnnxTensor.ofFloats(TABLE.name(), dims, values);
        return OnnxEdits.initializer(CAT, TABLE.name(), t);
    }

    @Test
    void theUnchangedExportImportsAsCategorical() throws Exception {
        assertTrue(Onnx.read(OnnxEncoder.encode(CAT), "x").network().isCategorical());
    }

    @Test
    void aGatherOnAnotherAxisOrOfAComputedTable() {
        refusedAttr(CAT, "embedding", GraphBuilder.integer("axis", 1), "gathers rows (axis 0)");
        refusedAttr(CAT, "embedding", GraphBuilder.integer("batch_dims", 1), "not supported");
        refused(
                node(CAT, "embedding", n -> input(n, 0, "h_l0")),
                "node 'embedding' (Gather)",
                "embedding table) 'h_l0' is not an initializer or Constant");
    }

    @Test
    void anEmbeddingTableOfTheWrongShapeOrSize() {
        refused(
                table(new long[] {1, 7, 3}, null),
                "embedding table 'embedding.weight' has shape [1, 7, 3]");
        refused(table(new long[] {21, 1}, null), "W takes 3 inputs", "embedding rows of 1");
        refused(
                table(new long[] {8, 3}, new float[24]),
                "embeds 8 tokens but the head has 7 outputs");
        refused(table(new long[] {8, 3}, null), "raw_data holds 84 bytes");
        refused(
                table(new long[] {1L << 40, 3}, null),
                "embedding.weight' has dimension 1099511627776");
        float[] nan = new float[21];
        nan[4] = Float.NaN;
        refused(table(new long[] {7, 3}, nan), "embedding.weight", "NaN");
    }

    @Test
    void tokenIdsThatAreNotIntegersOrASecondLookup() {
        refused(
                OnnxEdits.inputType(CAT, "token", OnnxFields.TensorF.FLOAT),
                "node 'lstm_l0' (LSTM)",
                "not the graph input 'token'");
        OnnxNode second =
                new OnnxNode(
                        "again",
                        "Gather",
                        "",
                        List.of(TABLE.name(), "token"),
                        List.of("again_out"),
                        Map.of());
        refused(OnnxEdits.addNode(CAT, second), "node 'again'", "second embedding lookup");
    }

    @Test
    void aSoftmaxOverAnotherAxisOrNone() throws Exception {
        refusedAttr(CAT, "softmax", GraphBuilder.integer("axis", 0), "not the last axis");
        OnnxModel axis1 =
                node(CAT, "softmax", n -> OnnxEdits.attr(n, GraphBuilder.integer("axis", 1)));
        assertTrue(Onnx.read(OnnxEncoder.encode(axis1), "x").network().hasSoftmax());
        refused(
                node(CAT, "softmax", n -> OnnxEdits.op(n, "Identity", "")),
                "'prediction' is not a Softmax of the head");
        refused(
                node(CAT, "softmax", n -> OnnxEdits.op(n, "LogSoftmax", "")),
                "node 'softmax' (LogSoftmax)",
                "not an op keyed-rnn imports");
    }

    @Test
    void metadataThatContradictsTheGraph() {
        OnnxModel numeric = OnnxExporter.export(ExportFixtures.model(CellKind.GRU, 3));
        refused(
                OnnxEdits.metadata(
                        numeric,
                        Map.of(
                                ModelMetadata.METADATA_KEY,
                                "{\"format\":1,\"output\":\"softmax\"}")),
                "metadata output softmax",
                "does not apply a softmax");
        refused(
                OnnxEdits.metadata(
                        CAT, Map.of(ModelMetadata.METADATA_KEY, "{\"vocabulary\":[\"a\",\"b\"]}")),
                "vocabulary has 2 tokens");
    }
}
