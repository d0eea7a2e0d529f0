package io.keyedrnn.model.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON form of {@link ModelMetadata}: strict to parse, deterministic to write. */
final class MetadataCodec {
    /** The newest metadata format this code reads and writes. */
    static final int FORMAT = 1;

    private static final String DUPLICATE = "Duplicate field ";

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private MetadataCodec() {}

    /**
     * Metadata and what it declares about the input the tensors take ({@code "input": {"kind",
     * "size", "vocabulary_size"}}, as tools/golden writes it; each null when absent).
     */
    record Parsed(ModelMetadata metadata, String inputKind, Long inputSize, Long vocabularySize) {}

    /** Parses the metadata string stored under {@link ModelMetadata#METADATA_KEY}. */
    static ModelMetadata parse(String json, String source) throws ModelFormatException {
        return read(json, source).metadata();
    }

    /** Parses and checks against {@link MetadataSchema} before anything is bound to a type. */
    static Parsed read(String json, String source) throws ModelFormatException {
        JsonNode tree;
        ModelMetadata m;
        try {
            tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ModelFormatException(
                        source, "metadata " + ModelMetadata.METADATA_KEY + " is null");
            }
            MetadataSchema.check(tree, source);
            // The schema has refused unknown fields; binding ignores any the record lacks.
            m = MAPPER.treeToValue(tree, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw invalid(e, source);
        }
        if (m.format() < 0 || m.format() > FORMAT) {
            throw new ModelFormatException(
                    source,
                    "metadata format "
                            + m.format()
                            + " is not supported; this version reads formats up to "
                            + FORMAT);
        }
        JsonNode in = tree.path("input");
        return new Parsed(
                m,
                in.has("kind") ? in.get("kind").textValue() : null,
                in.has("size") ? in.get("size").longValue() : null,
                in.has("vocabulary_size") ? in.get("vocabulary_size").longValue() : null);
    }

    private static ModelFormatException invalid(JsonProcessingException e, String source) {
        String message = e.getOriginalMessage();
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // A record's own check (e.g. the normaliser's) says what is wrong; Jackson's wrapper
            // would only add its class name.
            message = e.getCause().getMessage();
        }
        if (e instanceof JsonParseException && message.startsWith(DUPLICATE)) {
            return new ModelFormatException(
                    source,
                    "metadata "
                            + ModelMetadata.METADATA_KEY
                            + " has a duplicate field "
                            + message.substring(DUPLICATE.length())
                            + "; each field may appear once",
                    e);
        }
        return new ModelFormatException(
                source,
                "metadata "
                        + ModelMetadata.METADATA_KEY
                        + " is not valid"
                        + where(e)
                        + ": "
                        + message,
                e);
    }

    /** The field path of a mapping error, e.g. {@code " at normalizer.std"}, or "". */
    private static String where(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException)
                || ((JsonMappingException) e).getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : ((JsonMappingException) e).getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return " at " + path;
    }

    /** The JSON text for {@code m}; map keys sorted so equal metadata gives equal bytes. */
    static String toJson(Object m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON: " + e, e);
        }
    }
}
