package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.onnx.Onnx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn export model.safetensors --out model.onnx}: a model as a one-step graph. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Write a keyed-rnn model, numeric or categorical, as an ONNX graph that steps"
                        + " one event per run: inputs features (a categorical model: token, INT64"
                        + " ids, looked up in its embedding) and h_l{k} (c_l{k}), outputs"
                        + " prediction (a categorical model: the softmax over its tokens) and"
                        + " h_l{k}_out (c_l{k}_out).")
public final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a .safetensors model file")
    Path model;

    @Option(names = "--out", required = true, description = "the .onnx file to write")
    Path out;

    @Override
    public Integer call() {
        Model m = ModelLoading.read(model);
        byte[] onnx;
        try {
            onnx = Onnx.toBytes(m);
        } catch (IllegalArgumentException e) {
            throw new JobException(JobException.FAILED, e.getMessage(), e);
        }
        try {
            java.nio.file.Files.write(out, onnx);
        } catch (IOException e) {
            throw new JobException(JobException.FAILED, "cannot write " + out + ": " + e, e);
        }
        spec.commandLine()
                .getOut()
                .println(
                        "written: "
                                + out
                                + " ("
                                + m.network().layers().size()
                                + "-layer "
                                + m.network().cellKind().id()
                                + (m.network().isCategorical()
                                        ? " categorical, " + m.network().inputSize() + " tokens"
                                        : "")
                                + ", "
                                + onnx.length
                                + " bytes, ONNX opset "
                                + Onnx.EXPORT_OPSET
                                + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
