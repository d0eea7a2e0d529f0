package io.keyedrnn.jobs.eval;

import io.keyedrnn.jobs.eval.data.DataDir;
import java.nio.file.Path;

/** The shared evaluation data for tests: {@code <repo>/../shared/data}, as CI lays it out. */
public final class EvalData {
    private EvalData() {}

    /**
     * The data directory; fails with a clear message when the checkout has no shared/ beside it.
     */
    public static Path dir() {
        return DataDir.resolve(null);
    }
}
