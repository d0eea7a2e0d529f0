package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

/**
 * Metadata is read against its schema: what a lenient reader would ignore, coerce or take the last
 * of is one clear error naming the field (issue 11, part 3).
 */
class ModelFileStrictMetadataTest {

    /** LSTM with input 2, hidden 3 and a head of 2, plus the given keyed_rnn metadata. */
    private static RawSafetensors numeric(String json) {
        return RawSafetensors.plain(4, 2, 3, 1, 2).metadata(ModelMetadata.METADATA_KEY, json);
    }

    private static Model load(String json) throws Exception {
        return ModelFile.read(numeric(json).bytes(), "ok.safetensors");
    }

    @Test
    void aMisspeltKeyIsRefusedNotIgnored() {
        assertRejected(
                numeric("{\"format\":1,\"normaliser\":{\"mean\":[0,0],\"std\":[1,1]}}"),
                "unknown field 'normaliser'");
        assertRejected(
                numeric("{\"calibration\":{\"scorer\":\"gaussian_error\",\"treshold\":3}}"),
                "unknown field 'calibration.treshold'");
        assertRejected(
                numeric("{\"normalizer\":{\"mean\":[0,0],\"std\":[1,1],\"var\":[1,1]}}"),
                "unknown field 'normalizer.var'");
    }

    @Test
    void versionMustBeAWholeNumber() {
        assertRejected(numeric("{\"version\":\"5\"}"), "version", "whole number", "string");
        assertRejected(numeric("{\"version\":5.9}"), "version", "whole number", "5.9");
        assertRejected(numeric("{\"version\":5.0}"), "version", "whole number");
        assertRejected(numeric("{\"version\":null}"), "version", "null");
        assertRejected(numeric("{\"version\":true}"), "version", "whole number");
        assertRejected(numeric("{\"version\":1e3}"), "version", "whole number");
        assertRejected(numeric("{\"version\":99999999999999999999999}"), "version", "whole number");
    }

    @Test
    void aDuplicateKeyIsRefusedNotTheLastTaken() {
        assertRejected(numeric("{\"version\":5,\"version\":7}"), "duplicate", "'version'");
        assertRejected(
                numeric("{\"calibration\":{\"scorer\":\"gaussian_error\",\"scorer\":\"x\"}}"),
                "duplicate",
                "'scorer'");
    }

    @Test
    void formatIsAKnownWholeNumber() {
        assertRejected(numeric("{\"format\":1.7}"), "format", "whole number", "1.7");
        assertRejected(numeric("{\"format\":\"1\"}"), "format", "whole number");
        assertRejected(numeric("{\"format\":null}"), "format", "null");
        assertRejected(numeric("{\"format\":2}"), "metadata format 2 is not supported");
    }

    @Test
    void enumsTakeOnlyTheirWords() {
        assertRejected(
                numeric("{\"calibration\":{\"scorer\":\"magic\"}}"),
                "calibration.scorer",
                "'magic'",
                "gaussian_error, token_rank");
        assertRejected(numeric("{\"input_kind\":\"images\"}"), "input_kind", "'images'");
        assertRejected(numeric("{\"output\":7}"), "output", "string");
        assertRejected(numeric("{\"cell\":4}"), "cell", "string");
    }

    @Test
    void wrongTypesNameTheField() {
        assertRejected(numeric("{\"feature_names\":[\"a\",2]}"), "feature_names[1]", "string");
        assertRejected(numeric("{\"feature_names\":\"a\"}"), "feature_names", "array");
        assertRejected(
                numeric("{\"normalizer\":{\"mean\":[0,\"0\"],\"std\":[1,1]}}"),
                "normalizer.mean[1]",
                "number");
        assertRejected(
                numeric("{\"normalizer\":{\"mean\":[0,0],\"std\":[1,null]}}"),
                "normalizer.std[1]",
                "null");
        assertRejected(
                numeric("{\"calibration\":{\"threshold\":\"4\"}}"),
                "calibration.threshold",
                "number");
        assertRejected(
                numeric("{\"calibration\":{\"top_g\":2.5}}"), "calibration.top_g", "whole number");
        assertRejected(numeric("{\"calibration\":[]}"), "calibration", "object");
        assertRejected(numeric("{\"training\":3}"), "training", "object");
        assertRejected(numeric("{\"cell\":null}"), "cell", "null");
    }

    @Test
    void theSourceObjectTakesExactlyItsOptionalStrings() throws Exception {
        load("{\"source\":{\"format\":\"onnx\",\"file\":\"m.onnx\",\"sha256\":\"ab12\"}}");
        load("{\"source\":{\"format\":\"pytorch\"}}");
        load("{\"source\":{}}");
        assertRejected(
                numeric("{\"source\":{\"format\":\"tensorflow\"}}"),
                "source.format",
                "keyed-rnn, pytorch, onnx");
        assertRejected(numeric("{\"source\":{\"file\":3}}"), "source.file", "string");
        assertRejected(numeric("{\"source\":{\"url\":\"x\"}}"), "unknown field 'source.url'");
        assertRejected(numeric("{\"source\":\"onnx\"}"), "source", "object");
    }

    @Test
    void theGoldenInputObjectIsCheckedAgainstTheTensors() throws Exception {
        load("{\"format\":1,\"input\":{\"kind\":\"numeric\",\"size\":2}}");
        assertRejected(
                numeric("{\"input\":{\"kind\":\"numeric\",\"size\":3}}"),
                "metadata input.size 3",
                "weight_ih_l0 takes 2");
        assertRejected(
                numeric("{\"input\":{\"kind\":\"categorical\"}}"),
                "metadata input.kind 'categorical' but the file has no embedding.weight");
        assertRejected(numeric("{\"input\":{\"size\":\"2\"}}"), "input.size", "whole number");
        assertRejected(
                numeric("{\"input\":{\"kind\":\"numeric\"},\"input_kind\":\"categorical\"}"),
                "input_kind");
    }

    @Test
    void theSchemaKnowsEveryFieldTheRecordBinds() {
        for (RecordComponent c : ModelMetadata.class.getRecordComponents()) {
            String name =
                    c.getAccessor().getAnnotation(JsonProperty.class) != null
                            ? c.getAccessor().getAnnotation(JsonProperty.class).value()
                            : c.getAnnotation(JsonProperty.class).value();
            assertTrue(MetadataSchema.topFields().contains(name), name);
        }
    }

    @Test
    void whatTheSchemaAllowsStillLoads() throws Exception {
        Model m =
                load(
                        "{\"format\":1,\"cell\":\"lstm\",\"output\":\"linear\","
                                + "\"input_kind\":\"numeric\",\"feature_names\":[\"a\",\"b\"],"
                                + "\"normalizer\":{\"mean\":[0,1.5],\"std\":[1,2]},"
                                + "\"calibration\":{\"scorer\":\"gaussian_error\","
                                + "\"error_mean\":0,\"error_std\":1,\"threshold\":4,"
                                + "\"false_alarm_rate\":0.01},"
                                + "\"version\":12,\"training\":{\"loss\":[1,null,\"x\"]}}");
        assertEquals(12, m.version());
        assertEquals(2, m.metadata().normalizer().size());
        assertEquals(0, load("{\"output\":\"linear\"}").version());
    }
}
