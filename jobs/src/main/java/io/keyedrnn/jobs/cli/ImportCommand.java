package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.ModelSummary;
import io.keyedrnn.model.io.onnx.Onnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn import model.onnx --out model.safetensors}: an ONNX model as a model file. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description =
                "Convert an ONNX model (stacked LSTM/GRU/RNN, optional linear head; or"
                        + " categorical: token ids through Gather on an embedding, a linear head"
                        + " and Softmax) to a keyed-rnn .safetensors model file.")
public final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the ONNX file")
    Path onnx;

    @Option(names = "--out", required = true, description = "the .safetensors file to write")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(onnx)) {
            throw JobException.badInput("no ONNX file " + onnx);
        }
        Model model;
        try {
            model = Onnx.read(onnx);
            ModelFile.write(model, out);
        } catch (ModelFormatException e) {
            throw new JobException(JobException.FAILED, "bad ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new JobException(JobException.FAILED, "cannot import " + onnx + ": " + e, e);
        }
        spec.commandLine().getOut().print(ModelSummary.describe(model));
        spec.commandLine().getOut().println("written: " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
