package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.ModelSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn inspect M}: what a model file holds and where it came from. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Print a model file's architecture, sizes, parameter count, metadata and source.")
public final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a .safetensors model file")
    Path model;

    @Override
    public Integer call() {
        Model m = ModelLoading.read(model);
        spec.commandLine().getOut().print(ModelSummary.describe(m));
        spec.commandLine().getOut().println("source: " + source(m.metadata()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The recorded source, or what the file itself shows: no keyed-rnn metadata means a plain
     * PyTorch file, metadata without a source a keyed-rnn model that predates the field.
     */
    static String source(ModelMetadata m) {
        ModelMetadata.Source s = m.source();
        if (s == null) {
            return m.equals(ModelMetadata.empty())
                    ? "pytorch (plain safetensors file, no keyed-rnn metadata)"
                    : "keyed-rnn (not recorded)";
        }
        StringBuilder b = new StringBuilder(s.format() == null ? "unknown format" : s.format());
        if (s.file() != null) {
            b.append(", file ").append(s.file());
        }
        if (s.sha256() != null) {
            b.append(", sha256 ").append(s.sha256());
        }
        return b.toString();
    }
}
