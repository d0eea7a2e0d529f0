package io.keyedrnn.model.io;

import java.io.IOException;

/**
 * The one exception a model file reader throws for a file it will not load: truncated, malformed
 * header, bad offsets or shapes, unsupported dtype, missing or extra tensors, non-finite weights,
 * metadata that is invalid or contradicts the tensors, or a file over the size limit.
 *
 * <p>The message starts with the source (file name) and names the tensor or field at fault.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    /** A problem with the model read from {@code source}. */
    public ModelFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /** A problem with the model read from {@code source}, caused by {@code cause}. */
    public ModelFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** Where the model came from, e.g. a file path. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source prefix. */
    public String problem() {
        return problem;
    }
}
