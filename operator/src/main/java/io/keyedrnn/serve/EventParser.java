package io.keyedrnn.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON record into an {@link Event}, never throwing on bad input.
 *
 * <p>Field locations come from {@link EventFields} (dotted paths into nested objects). A numeric
 * parser requires a feature array (of a fixed length when featureCount &gt; 0); a categorical one
 * requires a token (string or integer) and, when given a vocabulary, one it knows. A record whose
 * end field ({@link EventFields#end()}) is true ends its key's session after the event; with no
 * value at all it is an end marker. Everything wrong with a record becomes a {@link ParseResult}
 * rejection with a {@link RejectReason} and a message naming the field. Streaming (Jackson core),
 * one pass, no tree. Not thread-safe: it reuses a buffer, so use one parser per thread.
 */
public final class EventParser {
    /**
     * Jackson's fast double parser (FastDoubleParser) gives the same correctly rounded double as
     * {@code Double.parseDouble} at a fraction of its cost, which was an eighth of the parse stage.
     */
    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build();

    private final EventFields fields;
    private final boolean categorical;
    private final int featureCount;
    private final Vocabulary vocabulary;
    private final FieldWalker walker;

    private EventParser(
            EventFields fields, boolean categorical, int featureCount, Vocabulary vocabulary) {
        this.fields = fields;
        this.categorical = categorical;
        this.featureCount = featureCount;
        this.vocabulary = vocabulary;
        this.walker =
                new FieldWalker(
                        fields.key(),
                        fields.timestamp(),
                        categorical ? fields.token() : fields.features(),
                        fields.end(),
                        categorical);
    }

    /** A parser of numeric events; featureCount 0 accepts any non-empty length. */
    public static EventParser numeric(EventFields fields, int featureCount) {
        return new EventParser(fields, false, featureCount, null);
    }

    /** A parser of categorical events; a null vocabulary accepts every token. */
    public static EventParser categorical(EventFields fields, Vocabulary vocabulary) {
        return new EventParser(fields, true, 0, vocabulary);
    }

    /** A parser for the model's input: its feature count, or its vocabulary. */
    public static EventParser forModel(Model model, EventFields fields, boolean openVocabulary) {
        RecurrentNetwork net = model.network();
        if (net.isCategorical()) {
            return categorical(fields, vocabularyOf(model, openVocabulary));
        }
        return numeric(fields, model.eventFeatures());
    }

    /** The model's vocabulary (its token list, or decimal ids); null for a numeric model. */
    public static Vocabulary vocabularyOf(Model model, boolean open) {
        RecurrentNetwork net = model.network();
        if (!net.isCategorical()) {
            return null;
        }
        return Vocabulary.of(model.metadata().vocabulary(), net.inputSize(), open);
    }

    /** Parses a UTF-8 record. */
    public ParseResult parse(byte[] record) {
        return parse(record, 0, record.length);
    }

    /** Parses a UTF-8 record from bytes[offset, offset + length). */
    public ParseResult parse(byte[] bytes, int offset, int length) {
        walker.clear();
        ParseResult r;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            r = parse(p);
        } catch (IOException | RuntimeException e) {
            r = invalid(e);
        }
        String key = walker.key();
        return r.isOk() || key == null || key.isEmpty() ? r : r.withKey(key);
    }

    /** Parses a record given as text. */
    public ParseResult parse(String record) {
        return parse(record.getBytes(StandardCharsets.UTF_8));
    }

    private ParseResult parse(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return ParseResult.rejected(RejectReason.INVALID_JSON, "empty record");
        }
        if (first != JsonToken.START_OBJECT) {
            return ParseResult.rejected(
                    RejectReason.INVALID_JSON, "the record is not a JSON object");
        }
        FieldValues v;
        try {
            v = walker.walk(p);
            if (p.nextToken() != null) {
                return ParseResult.rejected(
                        RejectReason.INVALID_JSON, "trailing content after the JSON object");
            }
        } catch (Rejection r) {
            return ParseResult.rejected(r.reason, r.getMessage());
        }
        return build(v);
    }

    private ParseResult build(FieldValues v) {
        if (v.key == null) {
            return ParseResult.rejected(
                    RejectReason.MISSING_KEY, "no key field '" + fields.key() + "'");
        }
        if (v.key.isEmpty()) {
            return ParseResult.rejected(
                    RejectReason.MISSING_KEY, "key field '" + fields.key() + "' is empty");
        }
        ParseResult r;
        if (v.end && v.token == null && v.features == null) {
            r = ParseResult.ok(Event.endOf(v.key, v.timestamp));
        } else {
            r = categorical ? buildCategorical(v) : buildNumeric(v);
        }
        if (r.isOk() && v.end) {
            r.event().setEnd(true);
        }
        return r;
    }

    private ParseResult buildNumeric(FieldValues v) {
        if (v.features == null) {
            return ParseResult.rejected(
                    RejectReason.MISSING_FEATURES, "no features field '" + fields.features() + "'");
        }
        int n = v.features.length;
        if (n == 0 || (featureCount > 0 && n != featureCount)) {
            return ParseResult.rejected(
                    RejectReason.WRONG_FEATURE_COUNT,
                    "features field '"
                            + fields.features()
                            + "' has "
                            + n
                            + " values, expected "
                            + (featureCount > 0 ? featureCount : "at least 1"));
        }
        return ParseResult.ok(Event.numeric(v.key, v.timestamp, v.features));
    }

    private ParseResult buildCategorical(FieldValues v) {
        if (v.token == null) {
            return ParseResult.rejected(
                    RejectReason.MISSING_TOKEN, "no token field '" + fields.token() + "'");
        }
        if (vocabulary != null && vocabulary.id(v.token) < 0) {
            return ParseResult.rejected(
                    RejectReason.UNKNOWN_TOKEN,
                    "token '"
                            + v.token
                            + "' in field '"
                            + fields.token()
                            + "' is not in the model's vocabulary of "
                            + vocabulary.size()
                            + " tokens");
        }
        return ParseResult.ok(Event.categorical(v.key, v.timestamp, v.token));
    }

    private static ParseResult invalid(Exception e) {
        String detail = e.getMessage();
        if (e instanceof JsonProcessingException jpe) {
            detail = jpe.getOriginalMessage();
            if (jpe.getLocation() != null) {
                detail += " (at byte " + jpe.getLocation().getByteOffset() + ")";
            }
        }
        return ParseResult.rejected(RejectReason.INVALID_JSON, "invalid JSON: " + detail);
    }
}
