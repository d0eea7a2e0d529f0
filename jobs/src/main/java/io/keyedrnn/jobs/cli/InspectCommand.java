package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.model.io.ModelSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn inspect M}: what a model file holds. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Print a model file's architecture, sizes, parameter count and metadata.")
public final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a .safetensors model file")
    Path model;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ModelSummary.describe(ModelLoading.read(model)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
