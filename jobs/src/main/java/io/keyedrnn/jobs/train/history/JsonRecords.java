package io.keyedrnn.jobs.train.history;

import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.ParseResult;

/** Parses JSON event records with the serving {@link EventParser}, into an {@link EventSink}. */
public final class JsonRecords {
    private final EventParser parser;

    public JsonRecords(ReadSpec spec) {
        this.parser = spec.jsonParser();
    }

    /**
     * Parses bytes[off, off + len); an event without its own time takes {@code fallbackTs} (the
     * Kafka record time, or {@link ParsedEvent#NO_TIMESTAMP}).
     */
    public void parse(
            byte[] bytes,
            int off,
            int len,
            long fallbackTs,
            String origin,
            int source,
            long position,
            EventSink sink) {
        if (bytes == null) {
            sink.rejected("invalid_json", origin + ": the record has no value");
            return;
        }
        ParseResult r = parser.parse(bytes, off, len);
        if (!r.isOk()) {
            sink.rejected(r.reason().id(), origin + ": " + r.message());
            return;
        }
        Event e = r.event();
        long ts = e.hasTimestamp() ? e.getTimestamp() : fallbackTs;
        sink.event(
                new ParsedEvent(e.getKey(), ts, e.getFeatures(), e.getToken(), source, position));
    }
}
