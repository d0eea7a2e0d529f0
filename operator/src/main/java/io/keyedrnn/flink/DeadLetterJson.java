package io.keyedrnn.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes a dead letter as one JSON object:
 *
 * <pre>{"reason": "...", "message": "...", "key": "...", "source": {"topic": "...",
 * "partition": 0, "offset": 42}, "payload_base64": "..."}</pre>
 *
 * The payload is base64 so arbitrary (also non-UTF-8) bytes survive; {@code key} is absent when
 * unknown and {@code payload_base64} is null for a tombstone.
 */
public final class DeadLetterJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterJson() {}

    public static byte[] write(DeadLetter d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("reason", d.reason);
            g.writeStringField("message", d.message);
            if (d.key != null) {
                g.writeStringField("key", d.key);
            }
            g.writeObjectFieldStart("source");
            g.writeStringField("topic", d.topic);
            g.writeNumberField("partition", d.partition);
            g.writeNumberField("offset", d.offset);
            g.writeEndObject();
            g.writeFieldName("payload_base64");
            if (d.payload == null) {
                g.writeNull();
            } else {
                g.writeString(Base64.getEncoder().encodeToString(d.payload));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + d, e);
        }
        return bytes.toByteArray();
    }
}
