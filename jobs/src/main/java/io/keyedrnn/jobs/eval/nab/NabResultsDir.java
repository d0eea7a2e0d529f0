package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A detector's results directory in NAB's layout: one results file per corpus file. */
public final class NabResultsDir {
    private NabResultsDir() {}

    /**
     * The anomaly scores of every corpus file, from {@code <detector>_<file>.csv} or, when that is
     * absent, {@code <detector>_<file>.csv.gz}.
     */
    public static List<double[]> read(Path resultsDir, String detector, List<NabSeries> corpus) {
        List<double[]> out = new ArrayList<>();
        for (NabSeries s : corpus) {
            Path csv = NabResultsFile.path(resultsDir, detector, s.name());
            Path gz = csv.resolveSibling(csv.getFileName() + ".gz");
            out.add(NabResultsFile.scores(Files.exists(csv) ? csv : gz, s.size()));
        }
        return out;
    }

    /** The corpus files the directory holds results for, in corpus order. */
    public static List<NabSeries> present(
            Path resultsDir, String detector, List<NabSeries> corpus) {
        return corpus.stream()
                .filter(
                        s -> {
                            Path csv = NabResultsFile.path(resultsDir, detector, s.name());
                            return Files.exists(csv)
                                    || Files.exists(csv.resolveSibling(csv.getFileName() + ".gz"));
                        })
                .toList();
    }
}
