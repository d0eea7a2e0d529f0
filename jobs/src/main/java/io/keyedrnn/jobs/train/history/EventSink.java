package io.keyedrnn.jobs.train.history;

/** Receives what a reader makes of each record: an event, or a rejection with its reason. */
public interface EventSink {
    void event(ParsedEvent e);

    /**
     * A record that is not a usable event.
     *
     * @param reason lower-case reason id, e.g. {@code invalid_json} or {@code bad_csv_row}
     * @param message what was wrong and where (file and line, or topic/partition@offset)
     */
    void rejected(String reason, String message);
}
