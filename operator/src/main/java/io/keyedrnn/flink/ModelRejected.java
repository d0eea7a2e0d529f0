package io.keyedrnn.flink;

/** A model record the job refuses, with the dead-letter reason; the old model stays in use. */
final class ModelRejected extends Exception {
    private static final long serialVersionUID = 1L;

    final JobReason reason;

    ModelRejected(JobReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ModelRejected(JobReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }
}
