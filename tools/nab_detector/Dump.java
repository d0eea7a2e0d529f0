package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.*;
import java.io.PrintWriter;
import java.nio.file.*;
import java.time.ZoneOffset;
import java.util.*;

/** Scratch: per-row predictions, errors and z of the probation model (A) and the causally retrained one (B). */
public class Dump {
    public static void main(String[] a) throws Exception {
        List<NabSeries> corpus = NabCorpus.load(Path.of(a[0]));
        Path out = Path.of(a[1]);
        long seed = Long.parseLong(a[2]);
        int part = a.length > 3 ? Integer.parseInt(a[3]) : 0, parts = a.length > 4 ? Integer.parseInt(a[4]) : 1;
        Files.createDirectories(out);
        NabSettings st = NabSettings.full(seed);
        if (a.length > 5) st = st.withCalendar(a[5]);
        if (a.length > 6) st = st.withHead(a[6]);
        ScoringConfig config = ScoringConfig.fromMap(st.scoring());
        long t0 = System.nanoTime();
        try (RetrainRunner runner = new RetrainRunner()) {
            NabDetector d = new NabDetector(st, runner);
            for (int f = 0; f < corpus.size(); f++) {
                if (f % parts != part) continue;
                NabSeries s = corpus.get(f);
                Path file = out.resolve(s.name().replace('/', '_'));
                if (Files.exists(file)) continue;
                Model m = d.train(s);
                int n = s.size();
                float[][] rows = new float[n][1];
                for (int i = 0; i < n; i++) rows[i][0] = (float) s.values()[i];
                double[][] A = stream(s, rows, config, m, null);
                NabRetraining r = new NabRetraining(st, runner, s.name(), rows, d.times(s), m);
                double[][] B = stream(s, rows, config, m, r);
                Path tmp = out.resolve(file.getFileName() + ".tmp");
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
                    w.println("value,predA,errA,zA,scoreA,calA_mean,calA_std,calA_thr,predB,errB,zB,scoreB,verB,calB_mean,calB_std,calB_thr");
                    for (int i = 0; i < n; i++) {
                        StringBuilder b = new StringBuilder().append(rows[i][0]);
                        for (double v : A[i]) b.append(',').append(v);
                        for (double v : B[i]) b.append(',').append(v);
                        w.println(b);
                    }
                }
                Files.move(tmp, file);
                System.out.println(s.name() + " " + (System.nanoTime() - t0) / 1e9 + " runs " + r.runs() + " published " + r.published());
            }
        }
    }

    /** pred (raw), err, z, score, [version], calMean, calStd per row. */
    static double[][] stream(NabSeries series, float[][] rows, ScoringConfig config, Model first, NabRetraining r) {
        double[][] o = new double[rows.length][];
        KeyState state = null;
        ModelServable servable = null;
        for (int i = 0; i < rows.length; i++) {
            Model m = r == null ? first : r.before(i);
            if (servable == null || servable.model() != m) {
                servable = new ModelServable(m, config);
                state = state == null ? servable.newState() : state;
            }
            servable.adopt(state);
            Normalizer nz = m.metadata().normalizer();
            float[] raw = new float[state.prediction.length];
            if (nz != null) nz.denormalize(state.prediction, raw); else raw[0] = state.prediction[0];
            double pred = state.stepsSinceReset == 0 ? Double.NaN : raw[0];
            long ms = series.timestamps()[i].toInstant(ZoneOffset.UTC).toEpochMilli();
            Prediction p = servable.process(Event.numeric(series.name(), ms, rows[i]), state);
            var cal = m.metadata().calibration();
            double cm = cal != null && cal.errorMean() != null ? cal.errorMean() : Double.NaN;
            double cs = cal != null && cal.errorStd() != null ? cal.errorStd() : Double.NaN;
            double ct = cal != null && cal.threshold() != null ? cal.threshold() : Double.NaN;
            double sc = p.scored && !p.warmup ? Math.min(1.0, Math.max(0.0, p.score)) : 0.0;
            o[i] = r == null ? new double[] {pred, p.error, p.z, sc, cm, cs, ct}
                    : new double[] {pred, p.error, p.z, sc, m.version(), cm, cs, ct};
        }
        return o;
    }
}
