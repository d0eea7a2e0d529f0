package io.keyedrnn.jobs.eval.data;

import java.time.LocalDateTime;

/** A labelled NAB anomaly window, inclusive at both ends. */
public record NabWindow(LocalDateTime start, LocalDateTime end) {}
