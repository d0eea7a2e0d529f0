package io.keyedrnn.model.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and checks a safetensors JSON header with a streaming parser, so a hostile header cannot
 * build a large tree: every entry must have the right types, and the tensors' byte ranges must tile
 * the data region exactly (no gap, no overlap, nothing past its end).
 */
final class HeaderParser {
    /** The header key whose value is a string-to-string map rather than a tensor. */
    static final String METADATA = "__metadata__";

    /** More tensors than any keyed-rnn model has; bounds what a hostile header can list. */
    static final int MAX_TENSORS = 10_000;

    static final int MAX_RANK = 32;

    private static final JsonFactory JSON = new JsonFactory();

    /** A checked header: tensors by name (sorted) and the metadata map (empty if absent). */
    record Header(Map<String, TensorInfo> tensors, Map<String, String> metadata) {}

    private final JsonParser p;
    private final String source;

    private HeaderParser(JsonParser p, String source) {
        this.p = p;
        this.source = source;
    }

    /** Parses {@code header} for a data region of {@code dataLength} bytes. */
    static Header parse(byte[] header, long dataLength, String source) throws ModelFormatException {
        // Decode strictly as UTF-8: Jackson would otherwise guess UTF-16/32 from zero bytes.
        Reader reader =
                new InputStreamReader(
                        new ByteArrayInputStream(header),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT));
        Header h;
        try (JsonParser p = JSON.createParser(reader)) {
            h = new HeaderParser(p, source).header();
        } catch (ModelFormatException e) {
            throw e;
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, "header is not valid UTF-8", e);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, "header is not valid JSON: " + describe(e), e);
        } catch (IOException e) {
            throw new ModelFormatException(source, "header cannot be read: " + e, e);
        }
        checkTiling(h.tensors(), dataLength, source);
        return h;
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (at character " + at.getCharOffset() + ")";
        return e.getOriginalMessage() + where;
    }

    private Header header() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail("header is not a JSON object");
        }
        Map<String, TensorInfo> tensors = new TreeMap<>();
        Map<String, String> metadata = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (METADATA.equals(name)) {
                if (metadata != null) {
                    throw fail("header has " + METADATA + " twice");
                }
                metadata = metadata();
            } else {
                if (tensors.containsKey(name)) {
                    throw fail("tensor " + name + " appears twice in the header");
                }
                if (tensors.size() == MAX_TENSORS) {
                    throw fail("header lists more than " + MAX_TENSORS + " tensors");
                }
                tensors.put(name, tensor(name));
            }
        }
        if (p.nextToken() != null) {
            throw fail("header has more JSON after its closing brace");
        }
        return new Header(tensors, metadata == null ? Map.of() : metadata);
    }

    private Map<String, String> metadata() throws IOException {
        JsonToken t = p.nextToken();
        Map<String, String> m = new LinkedHashMap<>();
        if (t == JsonToken.VALUE_NULL) {
            return m;
        }
        if (t != JsonToken.START_OBJECT) {
            throw fail(METADATA + " is not a JSON object but " + t);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw fail(METADATA + " value of '" + key + "' is not a string");
            }
            if (m.put(key, p.getText()) != null) {
                throw fail(METADATA + " has key '" + key + "' twice");
            }
        }
        return m;
    }

    private TensorInfo tensor(String name) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail("tensor " + name + ": header entry is not a JSON object");
        }
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "dtype":
                    if (v != JsonToken.VALUE_STRING || dtype != null) {
                        throw fail("tensor " + name + ": dtype must appear once, as a string");
                    }
                    dtype = p.getText();
                    break;
                case "shape":
                    if (shape != null) {
                        throw fail("tensor " + name + ": shape appears twice");
                    }
                    shape = longs(name, field, v, MAX_RANK);
                    break;
                case "data_offsets":
                    if (offsets != null) {
                        throw fail("tensor " + name + ": data_offsets appears twice");
                    }
                    offsets = longs(name, field, v, 2);
                    break;
                default:
                    throw fail("tensor " + name + ": unknown field '" + field + "'");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw fail("tensor " + name + ": needs dtype, shape and data_offsets");
        }
        return info(name, dtype, shape, offsets);
    }

    private TensorInfo info(String name, String dtypeName, long[] shape, long[] offsets)
            throws ModelFormatException {
        DType dtype = DType.parse(dtypeName, name, source);
        if (offsets.length != 2) {
            throw fail("tensor " + name + ": data_offsets must be [begin, end]");
        }
        if (offsets[0] > offsets[1]) {
            throw fail(
                    "tensor "
                            + name
                            + ": data_offsets ["
                            + offsets[0]
                            + ", "
                            + offsets[1]
                            + "] end before they begin");
        }
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw fail("tensor " + name + ": dimension " + shape[i] + " is too large");
            }
            dims[i] = (int) shape[i];
            count = multiply(count, shape[i], name);
        }
        long bytes = multiply(count, dtype.size(), name);
        if (bytes != offsets[1] - offsets[0]) {
            throw fail(
                    String.format(
                            "tensor %s: shape %s of %s needs %d bytes but data_offsets [%d, %d]"
                                    + " span %d",
                            name,
                            java.util.Arrays.toString(shape),
                            dtype,
                            bytes,
                            offsets[0],
                            offsets[1],
                            offsets[1] - offsets[0]));
        }
        return new TensorInfo(name, dtype, dims, offsets[0], offsets[1]);
    }

    private long multiply(long a, long b, String name) throws ModelFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail("tensor " + name + ": shape has more elements than fit in 64 bits");
        }
    }

    /** A JSON array of non-negative integers, at most {@code max} long. */
    private long[] longs(String name, String field, JsonToken start, int max) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw fail("tensor " + name + ": " + field + " is not an array");
        }
        List<Long> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw fail("tensor " + name + ": " + field + " holds a non-integer " + t);
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw fail(
                        "tensor "
                                + name
                                + ": "
                                + field
                                + " value "
                                + p.getText()
                                + " is too large");
            }
            long v = p.getLongValue();
            if (v < 0) {
                throw fail("tensor " + name + ": " + field + " has negative value " + v);
            }
            if (values.size() == max) {
                throw fail("tensor " + name + ": " + field + " has more than " + max + " values");
            }
            values.add(v);
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Sorted by begin, the ranges must start at 0, meet end to begin, and end at dataLength. */
    private static void checkTiling(Map<String, TensorInfo> tensors, long dataLength, String source)
            throws ModelFormatException {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long at = 0;
        String previous = null;
        for (TensorInfo t : sorted) {
            if (t.end() > dataLength) {
                throw new ModelFormatException(
                        source,
                        String.format(
                                "tensor %s: data_offsets [%d, %d] reach past the data region of"
                                        + " %d bytes",
                                t.name(), t.begin(), t.end(), dataLength));
            }
            if (t.begin() < at) {
                throw new ModelFormatException(
                        source,
                        String.format(
                                "tensor %s: data_offsets [%d, %d] overlap tensor %s, which ends"
                                        + " at %d",
                                t.name(), t.begin(), t.end(), previous, at));
            }
            if (t.begin() > at) {
                throw new ModelFormatException(
                        source,
                        String.format(
                                "tensor %s: data_offsets begin at %d, leaving a gap of unused"
                                        + " bytes [%d, %d)",
                                t.name(), t.begin(), at, t.begin()));
            }
            at = t.end();
            previous = t.name();
        }
        if (at != dataLength) {
            throw new ModelFormatException(
                    source,
                    String.format(
                            "the tensors cover %d bytes but the data region after the header has"
                                    + " %d; bytes [%d, %d) belong to no tensor",
                            at, dataLength, at, dataLength));
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
