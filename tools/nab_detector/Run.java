package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.model.io.Model;
import java.io.PrintWriter;
import java.nio.file.*;
import java.util.*;

/** Scratch: the detector's per-row scores for every NAB file, and the deployable NAB score. */
public class Run {
    public static void main(String[] a) throws Exception {
        List<NabSeries> corpus = NabCorpus.load(Path.of(a[0]));
        Path out = Path.of(a[1]);
        long seed = Long.parseLong(a[2]);
        double growth = Double.parseDouble(a[3]);
        Files.createDirectories(out);
        NabSettings f = NabSettings.full(seed);
        NabSettings st = new NabSettings(f.maxFiles(), f.hidden(), f.epochs(), f.patience(), f.validationShare(), f.minThreshold(), seed, growth, f.retrainWindow(), f.retrainEpochs(), f.calendar(), f.scoring(), f.head());
        List<boolean[]> flags = new ArrayList<>();
        long t0 = System.nanoTime();
        try (RetrainRunner runner = new RetrainRunner()) {
            NabDetector d = new NabDetector(st, runner);
            for (NabSeries s : corpus) {
                Model m = d.train(s);
                NabScores sc = d.scores(s, m);
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(s.name().replace('/', '_'))))) {
                    for (double v : sc.anomalyScores()) w.println(v);
                }
                boolean[] fl = NabBenchmark.threshold(sc.anomalyScores(), sc.alertThreshold());
                flags.add(fl);
                System.out.println(s.name() + " " + (System.nanoTime() - t0) / 1e9);
            }
        }
        for (NabProfile p : NabProfile.ALL) {
            NabResult r = NabBenchmark.score(corpus, flags, p);
            System.out.println("RESULT " + p + " " + r);
        }
    }
}
