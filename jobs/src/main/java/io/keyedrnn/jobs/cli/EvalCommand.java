package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.cui2016.TaxiResult;
import io.keyedrnn.jobs.eval.cui2016.TaxiSettings;
import io.keyedrnn.jobs.eval.cui2016.TaxiSuite;
import io.keyedrnn.jobs.eval.data.DataDir;
import io.keyedrnn.jobs.eval.hdfs.HdfsResult;
import io.keyedrnn.jobs.eval.hdfs.HdfsSettings;
import io.keyedrnn.jobs.eval.hdfs.HdfsSuite;
import io.keyedrnn.jobs.eval.hdfs.HdfsTable;
import io.keyedrnn.jobs.eval.nab.NabSettings;
import io.keyedrnn.jobs.eval.nab.NabSuite;
import io.keyedrnn.jobs.eval.nab.NabSuiteResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn eval SUITE}: evaluation on public data, printing a Markdown table. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate keyed-rnn on public data and print the results next to published figures.",
            "Suites: cui2016 (NYC taxi 5-step forecast), hdfs (DeepLog log-key sessions),"
                    + " nab (Numenta Anomaly Benchmark, 58 files)."
        })
public final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LogOptions logging = new LogOptions();

    @Parameters(index = "0", paramLabel = "SUITE", description = "cui2016, hdfs or nab")
    String suite;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "the data directory (default: <repo>/data)")
    String data;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--quick", description = "a small slice with short training, for CI")
    boolean quick;

    @Option(
            names = "--results",
            paramLabel = "DIR",
            description =
                    "nab: also write NAB results files, DIR/keyed-rnn/<category>/keyed-rnn_<file>.csv")
    Path results;

    @Override
    public Integer call() {
        logging.apply("eval", spec.commandLine().getErr());
        Path dir;
        try {
            dir = DataDir.resolve(data);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
        if (results != null && !suite.equalsIgnoreCase("nab")) {
            throw JobException.badInput("--results is for the nab suite only");
        }
        PrintWriter out = spec.commandLine().getOut();
        // The table goes to stdout; progress to stderr, so `eval ... > table.md` keeps it clean.
        ProgressOut progress = new ProgressOut(spec.commandLine().getErr(), Terminal.interactive());
        switch (suite.toLowerCase(Locale.ROOT)) {
            case "cui2016" -> {
                TaxiSettings s = quick ? TaxiSettings.quick(seed) : TaxiSettings.full(seed);
                TaxiResult r = TaxiSuite.run(dir, s, progress);
                out.print(TaxiSuite.table(r, s));
                out.printf(
                        Locale.ROOT,
                        "%nseed %d, %d runs of the retraining job, %d published a new"
                                + " version, %.1f s%n",
                        seed,
                        r.retrains(),
                        r.published(),
                        r.seconds());
            }
            case "hdfs" -> {
                HdfsSettings s = quick ? HdfsSettings.quick(seed) : HdfsSettings.full(seed);
                List<HdfsResult> runs = HdfsSuite.run(dir, s, progress);
                out.print(HdfsTable.render(runs));
                out.print(HdfsTable.notes(runs, seed));
            }
            case "nab" -> {
                NabSettings s = quick ? NabSettings.quick(seed) : NabSettings.full(seed);
                NabSuiteResult r = NabSuite.run(dir, s, results, progress);
                out.print(NabSuite.table(r));
                out.printf(
                        Locale.ROOT,
                        "%nMeasured on %d of NAB's 58 files. The protocol row's threshold was"
                                + " optimised per profile on the labels, as NAB does for every"
                                + " published row; the deployable row's comes from the"
                                + " detector's configuration.%n",
                        r.files());
                out.print(NabSuite.details(r));
                if (!r.results().isEmpty()) {
                    out.printf(
                            Locale.ROOT,
                            "%d results files written under %s%n",
                            r.results().size(),
                            results.resolve(NabSuite.DETECTOR));
                }
                out.printf(Locale.ROOT, "seed %d, %.1f s%n", seed, r.seconds());
            }
            default ->
                    throw JobException.badInput(
                            "unknown suite '" + suite + "': use cui2016, hdfs or nab");
        }
        out.flush();
        return 0;
    }
}
