package io.keyedrnn.jobs.eval;

import io.keyedrnn.jobs.eval.data.DataDir;
import java.nio.file.Path;

/** The evaluation data for tests: the repository's own {@code data/}. */
public final class EvalData {
    private EvalData() {}

    /** The data directory; fails with a clear message when the checkout has no data/. */
    public static Path dir() {
        return DataDir.resolve(null);
    }
}
