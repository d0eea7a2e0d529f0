package io.keyedrnn.model.io;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * keyed-rnn's facts about a model, stored as one JSON string under {@value #METADATA_KEY} in the
 * safetensors header's {@code __metadata__}. Every field but {@code format} may be absent.
 *
 * @param format metadata format version, currently 1
 * @param cell cell kind id (see {@link io.keyedrnn.model.CellKind#id()}); needed for gru_cho and
 *     rnn_relu, which shapes cannot tell apart
 * @param output {@code none}, {@code linear}, {@code softmax} or {@code gaussian} (means, then
 *     log-variances; {@link io.keyedrnn.model.GaussianHead})
 * @param inputKind {@code numeric} or {@code categorical}
 * @param featureNames names of the numeric features, in order
 * @param vocabulary token strings in id order, for categorical input
 * @param normalizer feature normaliser, or null for raw features
 * @param calibration the scorer calibration, or null
 * @param declaredVersion model version, increasing with each published model; null when the
 *     metadata has none (such a model is served as version 0, see {@link #version()})
 * @param training free-form training summary (data range, losses per epoch, ...)
 * @param source where the model came from, or null when not recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        @JsonProperty("format") int format,
        @JsonProperty("cell") String cell,
        @JsonProperty("output") String output,
        @JsonProperty("input_kind") String inputKind,
        @JsonProperty("feature_names") List<String> featureNames,
        @JsonProperty("vocabulary") List<String> vocabulary,
        @JsonProperty("normalizer") Normalizer normalizer,
        @JsonProperty("calibration") Calibration calibration,
        @JsonProperty("version") Long declaredVersion,
        @JsonProperty("training") Map<String, Object> training,
        @JsonProperty("source") Source source) {

    /**
     * Where a model came from: {@code format} {@code keyed-rnn}, {@code pytorch} or {@code onnx},
     * the file's name and the SHA-256 of its bytes (hex); every field may be absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            @JsonProperty("format") String format,
            @JsonProperty("file") String file,
            @JsonProperty("sha256") String sha256) {}

    /** Metadata with a stated version and no recorded source. */
    public ModelMetadata(
            int format,
            String cell,
            String output,
            String inputKind,
            List<String> featureNames,
            List<String> vocabulary,
            Normalizer normalizer,
            Calibration calibration,
            long version,
            Map<String, Object> training) {
        this(
                format,
                cell,
                output,
                inputKind,
                featureNames,
                vocabulary,
                normalizer,
                calibration,
                Long.valueOf(version),
                training,
                null);
    }

    /** The key in the safetensors {@code __metadata__} map. */
    public static final String METADATA_KEY = "keyed_rnn";

    /** Metadata of a plain PyTorch file: nothing known beyond the shapes. */
    public static ModelMetadata empty() {
        return new ModelMetadata(1, null, null, null, null, null, null, null, null, null, null);
    }

    /** The version the model is served as: the declared one, or 0 when there is none. */
    public long version() {
        return declaredVersion == null ? 0 : declaredVersion;
    }

    /** Whether the metadata states a version (a plain PyTorch file, for one, does not). */
    public boolean hasVersion() {
        return declaredVersion != null;
    }

    /**
     * The warning for a model without a version, naming where it came from; one text for every
     * place that loads models, so the operator reads the same words in each.
     */
    public static String absentVersionWarning(String source) {
        return source + ": the model metadata has no version; it is served as version 0";
    }

    /** A copy with another version. */
    public ModelMetadata withVersion(long newVersion) {
        return copy(newVersion, source);
    }

    /** A copy with another source. */
    public ModelMetadata withSource(Source newSource) {
        return copy(declaredVersion, newSource);
    }

    private ModelMetadata copy(Long newVersion, Source newSource) {
        return new ModelMetadata(
                format,
                cell,
                output,
                inputKind,
                featureNames,
                vocabulary,
                normalizer,
                calibration,
                newVersion,
                training,
                newSource);
    }
}
