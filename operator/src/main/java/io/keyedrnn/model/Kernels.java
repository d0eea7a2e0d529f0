package io.keyedrnn.model;

import java.util.Locale;

/**
 * Chooses, once per JVM, whether the step's products run on the incubating Vector API or on the
 * scalar loops C2 auto-vectorises; both give the same bits.
 *
 * <p>The Vector API path is taken only when the switch asks for it (system property {@value
 * #PROPERTY} or environment variable {@value #ENV} set to {@code true}) and the module {@value
 * #MODULE} is in the boot layer ({@code --add-modules jdk.incubator.vector}). It is opt-in because
 * the JVM warns on stderr whenever an incubator module is added. Otherwise no class that refers to
 * the module is ever loaded: {@link #VECTOR} is null and the implementation is named only by a
 * string here.
 */
public final class Kernels {
    /** System property that asks for the Vector API path. */
    public static final String PROPERTY = "keyed.rnn.vector";

    /** Environment variable that asks for it when the property is not set. */
    public static final String ENV = "KEYED_RNN_VECTOR";

    static final String MODULE = "jdk.incubator.vector";

    private static final String IMPLEMENTATION = "io.keyedrnn.model.VectorApiKernels";

    private static final boolean ASKED = asked(System.getProperty(PROPERTY), System.getenv(ENV));

    /** The Vector API products, or null for the scalar path; final, so C2 folds the test. */
    static final StepKernels VECTOR = ASKED && moduleInBootLayer() ? load() : null;

    private Kernels() {}

    /** True when the property, or else the variable, is {@code true} (any case). */
    static boolean asked(String property, String env) {
        String v = property != null ? property : env;
        return v != null && v.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    static boolean moduleInBootLayer() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** A new Vector API implementation; the caller checks {@link #moduleInBootLayer} first. */
    static StepKernels load() {
        try {
            return (StepKernels)
                    Class.forName(IMPLEMENTATION).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + IMPLEMENTATION, e);
        }
    }

    /** Which path this JVM's steps take and why, for logs and benchmarks. */
    public static String describe() {
        if (VECTOR != null) {
            return "vector (" + VECTOR + ")";
        }
        if (ASKED) {
            return "scalar: "
                    + PROPERTY
                    + " asks for the Vector API but "
                    + MODULE
                    + " is not in the boot layer (add the JVM option --add-modules "
                    + MODULE
                    + ")";
        }
        return "scalar";
    }
}
