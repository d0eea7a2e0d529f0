package io.keyedrnn.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON form of {@link ModelMetadata}: strict to parse, deterministic to write. */
final class MetadataCodec {
    /** The newest metadata format this code reads and writes. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private MetadataCodec() {}

    /** Parses the metadata string stored under {@link ModelMetadata#METADATA_KEY}. */
    static ModelMetadata parse(String json, String source) throws ModelFormatException {
        ModelMetadata m;
        try {
            m = MAPPER.readValue(json, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(
                    source,
                    "metadata "
                            + ModelMetadata.METADATA_KEY
                            + " is not valid"
                            + where(e)
                            + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        if (m == null) {
            throw new ModelFormatException(
                    source, "metadata " + ModelMetadata.METADATA_KEY + " is null");
        }
        if (m.format() < 0 || m.format() > FORMAT) {
            throw new ModelFormatException(
                    source,
                    "metadata format "
                            + m.format()
                            + " is not supported; this version reads formats up to "
                            + FORMAT);
        }
        return m;
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
