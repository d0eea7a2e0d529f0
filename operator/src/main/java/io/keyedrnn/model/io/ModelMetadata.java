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
 * @param calendar the calendar inputs the network takes after the event's features, in order
 *     ({@link CalendarInputs}); null (absent) for none, so older files read unchanged
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
        @JsonProperty("source") Source source,
        @JsonProperty("calendar") List<String> calendar) {

    /**
     * Where a model came from: {@code format} {@code keyed-rnn}, {@code pytorch} or {@code onnx},
     * the file's name and the SHA-256 of its bytes (hex); every field may be absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            @JsonProperty("format") String format,
            @JsonProperty("file") String file,
            @JsonProperty("sha256") String sha256) {}

    /** Metadata without calendar inputs. */
    public ModelMetadata(
            int format,
            String cell,
            String output,
            String inputKind,
            List<String> featureNames,
            List<String> vocabulary,
            Normalizer normalizer,
            Calibration calibration,
            Long declaredVersion,
            Map<String, Object> training,
            Source source) {
        this(
                format,
                cell,
                output,
                inputKind,
                featureNames,
                vocabulary,
                normalizer,
                calibration,
                declaredVersion,
                training,
                source,
                null);
    }

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
        return new ModelMetadata(
                1, null, null, null, null, null, null, null, null, null, null, null);
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

    /**
     * The calendar inputs the network takes after the event's features ({@link CalendarInputs#NONE}
     * when the metadata lists none). Throws IllegalArgumentException for ids a read file cannot
     * hold (the reader refuses them).
     */
    public CalendarInputs calendarInputs() {
        if (calendar == null) {
            return CalendarInputs.NONE;
        }
        return new CalendarInputs(calendar.stream().map(CalendarInput::fromId).toList());
    }

    /** A copy with these calendar inputs (none: the field left out). */
    public ModelMetadata withCalendar(CalendarInputs inputs) {
        return new ModelMetadata(
                format,
                cell,
                output,
                inputKind,
                featureNames,
                vocabulary,
                normalizer,
                calibration,
                declaredVersion,
                training,
                source,
                inputs.idsOrNull());
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
                newSource,
                calendar);
    }
}
