package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static io.keyedrnn.model.io.RawSafetensors.values;

import org.junit.jupiter.api.Test;

/** keyed-rnn metadata that is invalid or contradicts the tensors is refused, naming the field. */
class ModelFileMetadataTest {

    /** LSTM with input 2, hidden 3 and a head of 2, plus the given keyed_rnn metadata. */
    private static RawSafetensors numeric(String json) {
        return RawSafetensors.plain(4, 2, 3, 1, 2).metadata(ModelMetadata.METADATA_KEY, json);
    }

    /** Categorical LSTM: 5 tokens, embedding 2, hidden 3, softmax head of 5. */
    private static RawSafetensors categorical(String json) {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 5);
        f.f32("embedding.weight", new int[] {5, 2}, values(10, 40));
        return f.metadata(ModelMetadata.METADATA_KEY, json);
    }

    @Test
    void invalidJson() {
        assertRejected(numeric("{\"format\":1,"), "metadata keyed_rnn is not valid");
        assertRejected(numeric("null"), "metadata keyed_rnn is null");
        assertRejected(numeric("[1]"), "metadata keyed_rnn must be an object, got array");
        assertRejected(
                numeric("{\"version\":\"new\"}"),
                "metadata field 'version' must be a whole number, got string \"new\"");
        assertRejected(numeric("{\"format\":1} x"), "metadata keyed_rnn is not valid");
    }

    @Test
    void unsupportedFormat() {
        assertRejected(numeric("{\"format\":2}"), "metadata format 2 is not supported");
    }

    @Test
    void cellThatContradictsTheGateCount() {
        assertRejected(
                numeric("{\"format\":1,\"cell\":\"gru_cho\"}"),
                "metadata cell gru_cho has 3 gate blocks but weight_hh_l0 has 4");
        assertRejected(
                numeric("{\"format\":1,\"cell\":\"transformer\"}"),
                "unknown cell kind 'transformer'");
    }

    @Test
    void outputThatContradictsTheHead() {
        assertRejected(
                numeric("{\"output\":\"none\"}"),
                "metadata output 'none' but the file has head.weight");
        assertRejected(numeric("{\"output\":\"sigmoid\"}"), "metadata output 'sigmoid' is not");
        RawSafetensors noHead = RawSafetensors.plain(4, 2, 3, 1, 0);
        noHead.metadata(ModelMetadata.METADATA_KEY, "{\"output\":\"linear\"}");
        assertRejected(noHead, "metadata output 'linear' needs head.weight");
        assertRejected(
                categorical("{\"output\":\"linear\"}"), "'linear' contradicts embedding.weight");
    }

    @Test
    void inputThatContradictsTheEmbedding() {
        assertRejected(
                numeric("{\"input_kind\":\"categorical\"}"),
                "input_kind 'categorical' but the file has no embedding.weight");
        assertRejected(
                categorical("{\"input_kind\":\"numeric\"}"),
                "input_kind 'numeric' but the file has embedding.weight");
        assertRejected(
                numeric("{\"vocabulary\":[\"a\"]}"),
                "metadata has a vocabulary but the file has no embedding.weight");
        assertRejected(
                categorical("{\"vocabulary\":[\"a\",\"b\"]}"),
                "metadata vocabulary has 2 tokens but embedding.weight has 5 rows");
        assertRejected(
                categorical("{\"vocabulary\":[\"a\",\"b\",\"c\",\"a\",\"e\"]}"),
                "metadata vocabulary entry 3 is null or repeats 'a'");
    }

    @Test
    void featuresThatContradictTheInputSize() {
        assertRejected(
                numeric("{\"feature_names\":[\"a\",\"b\",\"c\"]}"),
                "metadata feature_names has 3 features but weight_ih_l0 takes 2");
        assertRejected(
                numeric("{\"normalizer\":{\"mean\":[0],\"std\":[1]}}"),
                "metadata normalizer has 1 features but weight_ih_l0 takes 2");
        assertRejected(
                numeric("{\"normalizer\":{\"mean\":[0,0],\"std\":[1,0]}}"),
                "metadata keyed_rnn is not valid at normalizer",
                "normalizer feature 1 has mean 0.0, std 0.0");
        assertRejected(
                categorical("{\"feature_names\":[\"a\",\"b\"]}"),
                "feature_names is for numeric input");
    }

    @Test
    void implausibleCalibrationOrVersion() {
        assertRejected(
                categorical("{\"calibration\":{\"scorer\":\"token_rank\",\"top_g\":9}}"),
                "calibration top_g 9 is outside [1, vocabulary]");
        assertRejected(numeric("{\"version\":-3}"), "metadata version -3 is negative");
        assertRejected(
                numeric("{\"calibration\":{\"error_std\":-0.5}}"),
                "metadata calibration error_std is -0.5; it must be finite and not negative");
        assertRejected(
                numeric("{\"calibration\":{\"threshold\":1e400}}"),
                "metadata calibration threshold is Infinity; it must be finite");
        assertRejected(
                numeric("{\"calibration\":{\"false_alarm_rate\":1.5}}"),
                "metadata calibration false_alarm_rate 1.5 is above 1");
    }
}
