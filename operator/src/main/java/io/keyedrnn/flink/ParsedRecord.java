package io.keyedrnn.flink;

import io.keyedrnn.serve.Event;

/**
 * An event that parsed, with the record it came from (kept for dead letters that only the keyed
 * step can decide: wrong feature count for the model, unknown token, late, no model). A Flink POJO.
 */
public final class ParsedRecord {
    public Event event;

    public RawRecord source;

    public ParsedRecord() {}

    public ParsedRecord(Event event, RawRecord source) {
        this.event = event;
        this.source = source;
    }

    /** The key this record is partitioned by. */
    public String key() {
        return event.getKey();
    }
}
