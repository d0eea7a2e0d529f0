package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.common.Causes;
import io.keyedrnn.jobs.common.Counts;
import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ProgressPrinter;
import io.keyedrnn.jobs.kafka.TrainKafka;
import io.keyedrnn.jobs.train.calibrate.Calibrator;
import io.keyedrnn.jobs.train.calibrate.ModelAssembly;
import io.keyedrnn.jobs.train.calibrate.ValidationLoss;
import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.HistoryInput;
import io.keyedrnn.jobs.train.history.HistoryJob;
import io.keyedrnn.jobs.train.history.ReadSpec;
import io.keyedrnn.jobs.train.history.RunInputs;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.report.ReportHtml;
import io.keyedrnn.jobs.train.report.RunRecord;
import io.keyedrnn.jobs.train.report.RunStatus;
import io.keyedrnn.jobs.train.report.Svg;
import io.keyedrnn.jobs.train.report.TrainingSummary;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import io.keyedrnn.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The retraining job: bounded history in, a calibrated, versioned model file (and its report) out,
 * published to the models topic on request.
 *
 * <p>Reading, parsing, grouping by key and ordering by time run as a Flink BATCH job ({@link
 * HistoryJob}); training then runs in this client on the collected histories. Training is one
 * sequential optimisation over all keys (mini-batches of keys in lockstep, shuffled across keys
 * every epoch), so splitting it over Flink tasks would change its math; the client already holds
 * the model it writes and publishes. Limit: every key's history must fit in the client's heap,
 * roughly 3 × (4 × features + 40) bytes per numeric event (raw, normalised and serving copies) —
 * about 6 GB for 50 million events of 8 features; raise the JVM heap ({@code KEYED_RNN_JAVA_OPTS=
 * -Xmx8g}) or train on a shorter range.
 *
 * <p>Steps: check inputs (files, broker, topics, the initial model) → read the current model
 * (newest on the models topic, else {@code --init}) → read the history → prepare (split,
 * normaliser, vocabulary; see {@link Preparation}) → train with early stopping on validation loss →
 * calibrate through the serving step ({@link Calibrator}) → compare with the current model on the
 * same validation events ({@link ValidationLoss}) → version ({@code Versions}), write the model and
 * {@code <out>.report.html} → publish. A run whose loss becomes NaN or infinite, or that does not
 * beat the current model, writes only the report, publishes nothing, and fails (exit code 1) with
 * the reason. With {@code validation.fraction} 0 nothing is held out: training runs every epoch on
 * every event, calibration uses the training events, no comparison is made, and publishing needs
 * {@code publish.unvalidated} (checked with the settings, before any work).
 */
final class RetrainJob {
    /** Reads the history; the Flink job in production, an in-process reader in unit tests. */
    interface HistoryReader {
        History read(HistoryInput in, ReadSpec spec) throws Exception;
    }

    /** The production reader: the Flink BATCH job. */
    static final HistoryReader FLINK = HistoryJob::readLocally;

    private final TrainSettings s;
    private final HistoryReader reader;
    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final RunRecord r = new RunRecord();

    RetrainJob(
            TrainSettings s,
            HistoryReader reader,
            PrintWriter out,
            boolean terminal,
            LongSupplier clock) {
        this.s = s;
        this.reader = reader;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        r.out = s.out;
        r.source = s.history().describe();
        r.config = s.recorded();
    }

    /** What the run did (for tests and the report). */
    RunRecord record() {
        return r;
    }

    /** Runs every step; returns normally on success, else throws a {@link JobException}. */
    void run() throws Exception {
        RunInputs in = RunInputs.check(s.inputs(), out, clock.getAsLong());
        r.version = in.version();
        if (in.current() != null) {
            r.currentVersion = in.current().version();
            r.currentOrigin = in.currentOrigin();
        }
        out.println("reading " + r.source);
        out.flush();
        History h = read(spec(in.init()));
        r.skipped = h.skipped();
        out.printf(
                Locale.ROOT,
                "read %d events of %s%n",
                h.eventCount(),
                Counts.of(h.keys().size(), "key"));
        PreparedData d = prepare(h, in.init(), in.featureNames());
        TrainResult result = train(d, in.init());
        Model draft = ModelAssembly.model(result.network(), d, null, 0, null);
        ScoringConfig scoring = scoring(d);
        if (s.holdsOut()) {
            evaluate(draft, d, scoring);
            compare(in.current(), draft, d, scoring);
        } else {
            calibrateOnTraining(draft, d, scoring, in.current());
        }
        finish(result, d);
    }

    /**
     * Without a hold-out ({@code --validation-fraction 0}) the scorer is calibrated on the training
     * events, and there is nothing to compare the current model on; both are said on the console.
     */
    private void calibrateOnTraining(
            Model draft, PreparedData d, ScoringConfig scoring, Model current) {
        r.calibratedOnTraining = true;
        r.calibration =
                Calibrator.calibrate(draft, d.everyEventScored(), scoring, s.falseAlarmRate);
        out.printf(
                Locale.ROOT,
                "no validation hold-out: scorer calibrated on the %d training events (in-sample,"
                        + " so new data may be flagged more often than the false-alarm rate %s)%n",
                d.trainingEvents(),
                s.falseAlarmRate);
        if (current != null) {
            out.printf(
                    Locale.ROOT,
                    "not compared with the current model version %d from %s: no validation"
                            + " data%n",
                    current.version(),
                    r.currentOrigin);
        }
    }

    /** Measures the new model on the validation events and calibrates it. */
    private void evaluate(Model draft, PreparedData d, ScoringConfig scoring) throws IOException {
        r.validationLoss = ValidationLoss.of(draft, d, scoring).loss();
        if (!Double.isFinite(r.validationLoss)) {
            fail(
                    RunStatus.DIVERGED,
                    "the trained model's validation loss is "
                            + r.validationLoss
                            + "; nothing written or published");
        }
        r.calibration = Calibrator.calibrate(draft, d, scoring, s.falseAlarmRate);
    }

    /** Writes the model file and the report, and publishes the model when asked to. */
    private void finish(TrainResult result, PreparedData d) throws IOException {
        Model model =
                ModelAssembly.model(
                        result.network(),
                        d,
                        r.calibration.calibration(),
                        r.version,
                        TrainingSummary.of(r));
        Path dir = s.out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ModelFile.write(model, s.out);
        r.status = RunStatus.WRITTEN;
        r.message = "model version " + r.version + " written to " + s.out;
        if (s.publish) {
            r.publishedTo = TrainKafka.publish(s.kafka(), ModelFile.toBytes(model));
            r.status = RunStatus.PUBLISHED;
            r.message += " and published to " + r.publishedTo;
        }
        writeReport();
        out.println(r.message);
        out.println("report: " + ReportHtml.pathFor(s.out));
        out.flush();
    }

    private History read(ReadSpec spec) {
        try {
            return reader.read(s.history(), spec);
        } catch (JobException e) {
            throw e;
        } catch (Exception e) {
            throw new JobException(
                    JobException.FAILED, "reading the history failed: " + Causes.innermost(e), e);
        }
    }

    private ReadSpec spec(Model init) {
        return s.readSpec(init != null && !s.categorical ? init.eventFeatures() : 0);
    }

    private PreparedData prepare(History h, Model init, List<String> names) throws IOException {
        try {
            PreparedData d = Preparation.prepare(h, s.preparation(), init, names);
            r.data = d;
            r.skipped = d.skipped();
            // Preparation adds its own skips (single_event_key, ...) to the reader's: print the
            // total the report shows, or nothing when nothing was skipped.
            if (d.skipped().totalEvents() > 0) {
                out.printf(
                        Locale.ROOT,
                        "skipped %d records%s; examples in the report%n",
                        d.skipped().totalEvents(),
                        Counts.inParentheses(d.skipped().events()));
            }
            out.printf(
                    Locale.ROOT,
                    "training on %s: %d training events, %d validation events%n",
                    Counts.of(d.keys().size(), "key"),
                    d.trainingEvents(),
                    d.validationEvents());
            return d;
        } catch (IllegalArgumentException e) {
            fail(RunStatus.FAILED, e.getMessage());
            return null;
        }
    }

    private TrainResult train(PreparedData d, Model init) throws IOException {
        RecurrentNetwork start = init != null ? init.network() : null;
        int vocabulary = d.categorical() ? d.vocabulary().size() : 0;
        ProgressPrinter printer = new ProgressPrinter(out, terminal, s.epochs);
        try {
            TrainResult result =
                    new Trainer(s.trainConfig(start, vocabulary))
                            .train(d.training(), d.validation(), RunRecord.both(printer, r));
            r.bestEpoch = result.bestEpoch();
            r.stoppedEarly = result.stoppedEarly();
            r.timestepsPerSecond = result.timestepsPerSecond();
            if (!s.holdsOut()) {
                out.printf(
                        Locale.ROOT,
                        "trained %d epochs on every event (no validation hold-out, no early"
                                + " stopping); the last epoch's weights are the model%n",
                        result.epochs().size());
                return result;
            }
            out.printf(
                    Locale.ROOT,
                    "best epoch %d of %d%s, validation loss %.6f%n",
                    result.bestEpoch(),
                    result.epochs().size(),
                    result.stoppedEarly() ? " (stopped early)" : "",
                    result.bestValidationLoss());
            return result;
        } catch (TrainingDivergedException e) {
            fail(
                    RunStatus.DIVERGED,
                    e.getMessage() + "; nothing written or published (try a lower --lr or --clip)");
        } catch (IllegalArgumentException e) {
            fail(RunStatus.FAILED, e.getMessage());
        }
        return null;
    }

    /**
     * Refuses to go on unless the new model beats the current one on the same validation events.
     */
    private void compare(Model current, Model draft, PreparedData d, ScoringConfig scoring)
            throws IOException {
        if (current == null) {
            return;
        }
        boolean sameHead = current.network().headKind() == draft.network().headKind();
        ValidationLoss.Result c = ValidationLoss.of(current, d, scoring, !sameHead);
        if (!sameHead) {
            // Gaussian NLL and squared error do not compare: both models by their means' error.
            r.validationLoss = ValidationLoss.of(draft, d, scoring, true).loss();
            out.printf(
                    "the current model has another head: compared by their means' squared error%n");
        }
        r.currentLoss = c.loss();
        r.currentProblem = c.problem();
        out.printf(
                Locale.ROOT,
                "current model version %d: validation loss %s%s; new: %.6f%n",
                current.version(),
                Svg.num(c.loss()),
                c.problem() != null ? " (" + c.problem() + ")" : "",
                r.validationLoss);
        if (!(r.validationLoss < c.loss())) {
            fail(
                    RunStatus.NOT_BETTER,
                    String.format(
                            Locale.ROOT,
                            "not published: the new model's validation loss %.6g does not beat the current model's (version %d from %s) %.6g on the same validation data",
                            r.validationLoss,
                            current.version(),
                            r.currentOrigin,
                            c.loss()));
        }
    }

    /** Records the failure, writes the report, and throws the exit-code-1 failure. */
    private void fail(RunStatus status, String message) throws IOException {
        r.status = status;
        r.message = message;
        writeReport();
        throw new JobException(
                JobException.FAILED, message + " (report: " + ReportHtml.pathFor(s.out) + ")");
    }

    private void writeReport() throws IOException {
        ReportHtml.write(r, ReportHtml.pathFor(s.out));
    }

    /**
     * The calibration passes' scoring settings; unknown tokens map to {@code <unk>} when trained
     * so.
     */
    private ScoringConfig scoring(PreparedData d) {
        Map<String, String> m = new HashMap<>(s.scoring);
        m.put("vocabulary.open", String.valueOf(d.unknownMapped()));
        return ScoringConfig.fromMap(m).withLikelihood(0, 500);
    }
}
