package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.eval.EvalData;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.nab.FileSweep;
import io.keyedrnn.jobs.eval.nab.NabBenchmark;
import io.keyedrnn.jobs.eval.nab.NabProfile;
import io.keyedrnn.jobs.eval.nab.NabResultsDir;
import io.keyedrnn.jobs.eval.nab.NabResultsFile;
import io.keyedrnn.jobs.eval.nab.NabSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs each suite's quick slice end to end (data → trainer → model file → scoring path → metrics)
 * and checks the printed table: well-formed, with finite measured values in range.
 */
class EvalCommandTest {
    private static final String DATA = EvalData.dir().toString();

    private record Run(int code, String out, String err) {}

    private static Run eval(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EvalCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(
                (ex, cmd, parsed) -> {
                    ex.printStackTrace(cmd.getErr());
                    return ex instanceof io.keyedrnn.jobs.common.JobException ce
                            ? ce.exitCode()
                            : 1;
                });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The table's measured rows, as cells; checks every table line has the header's shape. */
    private static List<String[]> measuredRows(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("|")).toList();
        assertTrue(lines.size() >= 3, out);
        int columns = lines.get(0).split("\\|", -1).length;
        assertTrue(lines.get(1).matches("\\|( -+ \\|)+"), lines.get(1));
        List<String[]> measured = new ArrayList<>();
        for (String line : lines) {
            assertTrue(line.endsWith("|"), line);
            String[] cells = line.split("\\|", -1);
            assertEquals(columns, cells.length, line);
            if (cells[cells.length - 2].strip().equals("measured")) {
                measured.add(cells);
            }
        }
        assertTrue(!measured.isEmpty(), out);
        return measured;
    }

    /** The leading number of a cell ("6.42%", "0.000% (≤0.308%)", "1.000 (≥0.849)", "-3.2"). */
    private static double number(String cell) {
        String s = cell.strip();
        int end = 0;
        while (end < s.length() && "-0123456789.".indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        double v = Double.parseDouble(s.substring(0, end));
        assertTrue(Double.isFinite(v), cell);
        return v;
    }

    @Test
    void cui2016QuickPrintsFiniteErrorsAndIsDeterministic() {
        Run r = eval("cui2016", "--quick", "--data", DATA);
        assertEquals(0, r.code(), r.err());
        for (String[] row : measuredRows(r.out())) {
            double nrmse = number(row[3]);
            double mape = number(row[4]);
            assertTrue(nrmse > 0 && nrmse < 5, row[3]);
            assertTrue(mape > 0 && mape < 500, row[4]);
        }
        assertTrue(r.out().contains("3 runs of the retraining job"), r.out());
        // Not a terminal here: the progress comes as plain lines on stderr, never in the table.
        assertTrue(r.err().contains("done (100%)"), r.err());
        assertTrue(
                r.err()
                        .lines()
                        .filter(l -> !l.startsWith("eval: library logs go to"))
                        .allMatch(l -> l.startsWith("records ")),
                r.err());
        assertTrue(!r.out().contains("done ("), r.out());
        Run again = eval("cui2016", "--quick", "--data", DATA);
        assertEquals(tableOf(r.out()), tableOf(again.out()));
    }

    @Test
    void hdfsQuickPrintsRatesInRange() {
        Run r = eval("hdfs", "--quick", "--data", DATA);
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = measuredRows(r.out());
        assertEquals(
                10, rows.size(), "g = 9, chosen g, threshold, combined, end rule; twice: refit");
        assertTrue(r.out().contains("refit on train+validation"), r.out());
        assertTrue(r.err().contains("epoch   1/4  loss"), r.err());
        assertTrue(r.err().matches("(?s).*sessions scored \\d+/\\d+ done \\(100%\\).*"), r.err());
        for (String[] row : rows) {
            double recall = number(row[3]);
            double fpRate = number(row[4]);
            double precision = number(row[5]);
            double f1 = number(row[6]);
            assertTrue(recall >= 0 && recall <= 1, row[3]);
            assertTrue(fpRate >= 0 && fpRate <= 100, row[4]);
            assertTrue(precision >= 0 && precision <= 1, row[5]);
            assertTrue(f1 >= 0 && f1 <= 1, row[6]);
        }
    }

    @Test
    void nabQuickWritesResultsThatRescoreToThePrintedTable(@TempDir Path results) throws Exception {
        Run r = eval("nab", "--quick", "--data", DATA, "--results", results.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = measuredRows(r.out());
        assertEquals(2, rows.size(), "protocol and deployable");
        assertTrue(r.out().contains("Measured on 3 of NAB's 58 files"), r.out());
        assertTrue(r.err().contains("files 3/3 done (100%)"), r.err());
        // The published rows come from NAB's final_results.json: its best detector is ARTime.
        assertTrue(r.out().contains("| ARTime "), r.out());

        // Re-read and re-scored, the written results give the printed figures.
        List<NabSeries> corpus = NabCorpus.load(Path.of(DATA, "nab"));
        List<NabSeries> scored = NabResultsDir.present(results, NabSuite.DETECTOR, corpus);
        assertEquals(3, scored.size());
        List<FileSweep> sweeps = scored.stream().map(FileSweep::of).toList();
        List<double[]> scores = NabResultsDir.read(results, NabSuite.DETECTOR, scored);
        Matcher m = Pattern.compile("deployable: anomaly_score >= ([0-9.]+),").matcher(r.out());
        assertTrue(m.find(), r.out());
        double alert = Double.parseDouble(m.group(1));
        for (int k = 0; k < NabProfile.ALL.size(); k++) {
            NabProfile p = NabProfile.ALL.get(k);
            double protocol = NabBenchmark.optimized(sweeps, scores, p).normalized();
            double deployable = NabBenchmark.score(sweeps, scores, alert, p).normalized();
            assertEquals(number(rows.get(0)[3 + k]), protocol, 0.0051, p.name());
            assertEquals(number(rows.get(1)[3 + k]), deployable, 0.0051, p.name());
            assertTrue(protocol >= deployable - 1e-9, "the optimum is at least any threshold");
        }

        // NAB's format: its header, one line per data row, the label from the windows.
        NabSeries first = scored.get(0);
        List<String> lines =
                Files.readAllLines(NabResultsFile.path(results, NabSuite.DETECTOR, first.name()));
        assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
        assertEquals(first.size() + 1, lines.size());
        long labelled = lines.stream().skip(1).filter(l -> l.endsWith(",1")).count();
        long inWindows = Arrays.stream(FileSweep.of(first).window()).filter(w -> w >= 0).count();
        assertTrue(labelled > 0);
        assertEquals(inWindows, labelled);
    }

    @Test
    void missingDataAndUnknownSuiteAreUsageErrors(@TempDir Path dir) {
        Run missing = eval("nab", "--data", dir.resolve("none").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--data"), missing.err());
        Run unknown = eval("telemanom", "--data", DATA);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown suite 'telemanom'"), unknown.err());
        Run results = eval("hdfs", "--data", DATA, "--results", dir.toString());
        assertEquals(2, results.code());
        assertTrue(results.err().contains("--results is for the nab suite"), results.err());
    }

    private static String tableOf(String out) {
        return String.join("\n", out.lines().filter(l -> l.startsWith("|")).toList());
    }
}
