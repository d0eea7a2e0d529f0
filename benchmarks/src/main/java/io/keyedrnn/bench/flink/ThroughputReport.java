package io.keyedrnn.bench.flink;

import io.keyedrnn.serve.PredictionFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** What {@link ThroughputBench} prints: every run, each repeat's ratios, medians and bests. */
final class ThroughputReport {
    /** One pipeline of a run: a scoring job's batch size and prediction format, or state only. */
    record Pipeline(int batch, PredictionFormat format) {
        /** The pipeline whose keyed function only reads and writes an equally sized state. */
        static final Pipeline STATE_ONLY = new Pipeline(0, PredictionFormat.JSON);

        String name() {
            if (this.equals(STATE_ONLY)) {
                return "state-only";
            }
            return "scoring b=" + batch + (format == PredictionFormat.JSON ? "" : " cbor");
        }
    }

    private final String backend;
    private final int hidden;
    private final List<Pipeline> pipelines;
    private final Map<Pipeline, List<Double>> rates = new LinkedHashMap<>();
    private final Map<Pipeline, List<Double>> ratios = new LinkedHashMap<>();

    ThroughputReport(String backend, int hidden, List<Pipeline> pipelines) {
        this.backend = backend;
        this.hidden = hidden;
        this.pipelines = pipelines;
        for (Pipeline p : pipelines) {
            rates.put(p, new ArrayList<>());
            ratios.put(p, new ArrayList<>());
        }
        System.out.println(
                "backend   hidden  run       pipeline          events    seconds  events/s");
    }

    void warmup(Pipeline batch, long events, double seconds) {
        line("warm-up", batch, events, seconds);
    }

    void run(int repeat, Pipeline batch, long events, double seconds) {
        rates.get(batch).add(events / seconds);
        line("repeat " + (repeat + 1), batch, events, seconds);
    }

    /** Prints the repeat's ratios to its own state-only run, in the order the jobs ran. */
    void endRepeat(int repeat, List<Pipeline> order) {
        double stateOnly = last(Pipeline.STATE_ONLY);
        StringJoiner ran = new StringJoiner(", ", "order: ", "");
        StringJoiner shares = new StringJoiner(", ");
        for (Pipeline p : order) {
            ran.add(p.name());
        }
        for (Pipeline p : pipelines) {
            if (!p.equals(Pipeline.STATE_ONLY)) {
                double ratio = last(p) / stateOnly;
                ratios.get(p).add(ratio);
                shares.add(String.format(Locale.ROOT, "%s %.0f%%", p.name(), 100 * ratio));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s %6d  repeat %d: %s of state-only (%s)%n",
                backend,
                hidden,
                repeat + 1,
                shares,
                ran);
        System.out.flush();
    }

    /** Median and best events/s per pipeline over the repeats, and the median ratio. */
    void summary() {
        for (Pipeline p : pipelines) {
            double[] r = sorted(rates.get(p));
            if (r.length == 0) {
                continue;
            }
            String share = "";
            if (!p.equals(Pipeline.STATE_ONLY)) {
                double[] q = sorted(ratios.get(p));
                share =
                        String.format(
                                Locale.ROOT,
                                ", %.0f%% of state-only (median; %.0f–%.0f%%)",
                                100 * median(q),
                                100 * q[0],
                                100 * q[q.length - 1]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-9s %6d  summary   %-12s median %.0f events/s, best %.0f over %d repeats%s%n",
                    backend,
                    hidden,
                    p.name(),
                    median(r),
                    r[r.length - 1],
                    r.length,
                    share);
        }
        System.out.flush();
    }

    private double last(Pipeline batch) {
        List<Double> r = rates.get(batch);
        return r.get(r.size() - 1);
    }

    private void line(String run, Pipeline batch, long events, double seconds) {
        System.out.printf(
                Locale.ROOT,
                "%-9s %6d  %-9s %-12s %10d %10.2f %9.0f%n",
                backend,
                hidden,
                run,
                batch.name(),
                events,
                seconds,
                events / seconds);
        System.out.flush();
    }

    private static double[] sorted(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
