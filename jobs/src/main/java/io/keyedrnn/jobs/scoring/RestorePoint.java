package io.keyedrnn.jobs.scoring;

import java.time.Duration;

/** A completed checkpoint or savepoint a job can resume from: its directory, id and age. */
public record RestorePoint(String path, long checkpointId, long writtenAtMs, boolean savepoint) {
    /** One line for the console, e.g. "checkpoint 12 at file:/cp/ab12/chk-12, written 8 s ago". */
    public String describe(long nowMs) {
        Duration age = Duration.ofMillis(Math.max(0, nowMs - writtenAtMs));
        return (savepoint ? "savepoint" : "checkpoint")
                + " "
                + checkpointId
                + " at "
                + path
                + ", written "
                + ago(age)
                + " ago";
    }

    private static String ago(Duration d) {
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h";
    }
}
