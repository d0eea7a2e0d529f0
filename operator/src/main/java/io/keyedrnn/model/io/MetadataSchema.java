package io.keyedrnn.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of keyed-rnn metadata, the one place that says which fields exist and what each holds.
 * Every field is optional; a field that is present must have its type exactly (no number from a
 * string, no whole number from a fraction, no null), and objects have no other fields. Only {@code
 * training} is free-form.
 */
final class MetadataSchema {
    /** Scorer names a calibration may be for (see io.keyedrnn.score.ScorerKind). */
    static final List<String> SCORERS = List.of("gaussian_error", "token_rank");

    /** Where a model was converted from (written by the importers). */
    static final List<String> SOURCE_FORMATS = List.of("keyed-rnn", "pytorch", "onnx");

    static final List<String> INPUT_KINDS = List.of("numeric", "categorical");

    /** Calendar inputs a numeric model may derive from the timestamp ({@link CalendarInput}). */
    static final List<String> CALENDAR_INPUTS =
            java.util.Arrays.stream(CalendarInput.values()).map(CalendarInput::id).toList();

    /** Checks one JSON value at a field path. */
    @FunctionalInterface
    private interface Rule {
        void check(JsonNode value, String path, MetadataSchema s) throws ModelFormatException;
    }

    private static final Map<String, Rule> CALIBRATION =
            fields(
                    "scorer", oneOf(SCORERS),
                    "error_mean", number(),
                    "error_std", number(),
                    "threshold", number(),
                    "false_alarm_rate", number(),
                    "top_g", whole(Integer.MAX_VALUE));

    private static final Map<String, Rule> NORMALIZER =
            fields("mean", listOf(number()), "std", listOf(number()));

    private static final Map<String, Rule> SOURCE =
            fields("format", oneOf(SOURCE_FORMATS), "file", text(), "sha256", text());

    /** What tools/golden writes: the input the tensors take, checked against them. */
    private static final Map<String, Rule> INPUT =
            fields(
                    "kind", oneOf(INPUT_KINDS),
                    "size", whole(Integer.MAX_VALUE),
                    "vocabulary_size", whole(Integer.MAX_VALUE));

    private static final Map<String, Rule> TOP = top();

    private static Map<String, Rule> top() {
        Map<String, Rule> m = new LinkedHashMap<>();
        m.put("format", whole(Integer.MAX_VALUE));
        m.put("cell", text());
        m.put("output", text());
        m.put("input_kind", oneOf(INPUT_KINDS));
        m.put("input", object(INPUT));
        m.put("feature_names", listOf(text()));
        m.put("vocabulary", listOf(text()));
        m.put("normalizer", object(NORMALIZER));
        m.put("calibration", object(CALIBRATION));
        m.put("version", whole(Long.MAX_VALUE));
        m.put("training", (v, path, s) -> s.require(v.isObject(), path, "an object", v));
        m.put("source", object(SOURCE));
        m.put("calendar", listOf(oneOf(CALENDAR_INPUTS)));
        return m;
    }

    private final String source;

    /** The top-level field names, in the order the schema lists them. */
    static java.util.Set<String> topFields() {
        return TOP.keySet();
    }

    private MetadataSchema(String source) {
        this.source = source;
    }

    /** Checks the parsed metadata {@code root}; the message names the first field at fault. */
    static void check(JsonNode root, String source) throws ModelFormatException {
        MetadataSchema s = new MetadataSchema(source);
        s.require(root.isObject(), "", "an object", root);
        s.checkObject(root, "", TOP);
    }

    private void checkObject(JsonNode node, String prefix, Map<String, Rule> schema)
            throws ModelFormatException {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String path = prefix + e.getKey();
            Rule rule = schema.get(e.getKey());
            if (rule == null) {
                throw fail(
                        "metadata has unknown field '"
                                + path
                                + "' (known here: "
                                + String.join(", ", schema.keySet())
                                + ")");
            }
            if (e.getValue().isNull()) {
                throw fail(
                        "metadata field '" + path + "' is null; leave it out if it has no value");
            }
            rule.check(e.getValue(), path, this);
        }
    }

    private static Rule object(Map<String, Rule> schema) {
        return (v, path, s) -> {
            s.require(v.isObject(), path, "an object", v);
            s.checkObject(v, path + ".", schema);
        };
    }

    private static Rule listOf(Rule element) {
        return (v, path, s) -> {
            s.require(v.isArray(), path, "an array", v);
            for (int i = 0; i < v.size(); i++) {
                String at = path + "[" + i + "]";
                if (v.get(i).isNull()) {
                    throw s.fail("metadata field '" + at + "' is null");
                }
                element.check(v.get(i), at, s);
            }
        };
    }

    private static Rule text() {
        return (v, path, s) -> s.require(v.isTextual(), path, "a string", v);
    }

    private static Rule number() {
        return (v, path, s) -> s.require(v.isNumber(), path, "a number", v);
    }

    /** A whole number written without fraction or exponent, in [0, max] when not negative. */
    private static Rule whole(long max) {
        return (v, path, s) -> {
            boolean fits = v.isIntegralNumber() && v.canConvertToLong();
            s.require(fits && v.asLong() <= max, path, "a whole number", v);
        };
    }

    private static Rule oneOf(List<String> words) {
        return (v, path, s) -> {
            s.require(v.isTextual(), path, "a string", v);
            if (!words.contains(v.textValue())) {
                throw s.fail(
                        "metadata field '"
                                + path
                                + "' is '"
                                + clip(v.textValue())
                                + "'; expected one of "
                                + String.join(", ", words));
            }
        };
    }

    private void require(boolean ok, String path, String what, JsonNode got)
            throws ModelFormatException {
        if (!ok) {
            String field =
                    path.isEmpty()
                            ? "metadata " + ModelMetadata.METADATA_KEY
                            : "metadata field '" + path + "'";
            throw fail(field + " must be " + what + ", got " + describe(got));
        }
    }

    private static String describe(JsonNode v) {
        String type = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        if (v.isContainerNode()) {
            return type;
        }
        return type + " " + clip(v.toString());
    }

    /** At most 40 characters of a value: enough to recognise, never a whole large field. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Map<String, Rule> fields(Object... nameRule) {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (int i = 0; i < nameRule.length; i += 2) {
            m.put((String) nameRule[i], (Rule) nameRule[i + 1]);
        }
        return m;
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
