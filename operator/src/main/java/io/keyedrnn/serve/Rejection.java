package io.keyedrnn.serve;

/** Internal short-cut out of a parse: carries the reason; no stack trace, it is not a failure. */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final RejectReason reason;

    Rejection(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }
}
