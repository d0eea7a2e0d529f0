package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.calibrate.Calibrator;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.report.ReportHtml;
import io.keyedrnn.jobs.train.report.RunRecord;
import io.keyedrnn.jobs.train.report.RunStatus;
import io.keyedrnn.jobs.train.report.Svg;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.train.EpochStats;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report is well-formed XHTML whose SVG charts hold the curves, the bins and the cut. */
class ReportHtmlTest {
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    @TempDir Path dir;

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private RunRecord fullRecord() {
        RunRecord r = new RunRecord();
        r.status = RunStatus.PUBLISHED;
        r.message = "model version 8 written & published <ok>";
        r.source = "files [a.jsonl]";
        r.out = dir.resolve("m.safetensors");
        r.config = RetrainJobTest.config();
        r.data =
                Preparation.prepare(
                        CalibratorTest.noise(2, 30, 1),
                        new Preparation.Options(false, 0, true, 0.2, 10, true, List.of()),
                        null,
                        List.of());
        r.skipped = r.data.skipped();
        r.skipped.events("non_finite_feature", 3, "a.jsonl:7: features[1] is NaN <&>");
        r.skipped.key("single_event_key", 1, "key 'x' has a single event");
        r.epochs.add(new EpochStats(1, 1.0, 0.5, 100, 0.1, true));
        r.epochs.add(new EpochStats(2, 0.6, Double.NaN, 100, 0.1, false));
        r.epochs.add(new EpochStats(3, 0.4, 0.3, 100, 0.1, true));
        r.epochs.add(new EpochStats(4, 0.3, 0.2, 100, 0.1, true));
        r.validationLoss = 0.2;
        r.version = 8;
        r.currentVersion = 7L;
        r.currentOrigin = "models/0@3";
        r.currentLoss = 0.9;
        double[] z = {-1, -0.5, 0, 0.1, 0.2, 0.3, 1, 2, 3, 4};
        r.calibration =
                new Calibrator.Result(
                        new Calibration("gaussian_error", 0.1, 0.05, 2.5, 0.1, null),
                        z,
                        2.5,
                        0.1,
                        z.length);
        return r;
    }

    @Test
    void fullReportParsesAsXmlWithBothCharts() throws Exception {
        RunRecord r = fullRecord();
        Path file = ReportHtml.pathFor(r.out);
        assertEquals("m.safetensors.report.html", file.getFileName().toString());
        ReportHtml.write(r, file);
        Document doc = parse(Files.readString(file));
        assertEquals("html", doc.getDocumentElement().getLocalName());
        NodeList svgs = doc.getElementsByTagNameNS(SVG, "svg");
        assertEquals(2, svgs.getLength());
        Element curves = (Element) svgs.item(0);
        // Training is one line; validation breaks at the NaN epoch into two.
        assertEquals(3, curves.getElementsByTagNameNS(SVG, "polyline").getLength());
        Element hist = (Element) svgs.item(1);
        assertEquals(1, countClass(hist, "line", "cut"));
        assertTrue(hist.getElementsByTagNameNS(SVG, "rect").getLength() >= 5);
        assertTrue(hist.getTextContent().contains("threshold z = 2.5"), hist.getTextContent());
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("a.jsonl:7: features[1] is NaN <&>"));
        assertTrue(text.contains("single_event_key"));
        assertTrue(text.contains("written & published <ok>"));
        assertTrue(text.contains("models/0@3"));
    }

    @Test
    void histogramBarsCountEveryScore() throws Exception {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7;
        }
        Document doc =
                parse(
                        "<div>"
                                + Svg.histogram("h", "rank", "events", v, 40, true, 3, "top_g = 3")
                                + "</div>");
        NodeList rects = doc.getElementsByTagNameNS(SVG, "rect");
        assertEquals(7, rects.getLength());
        double tallest = 0;
        double total = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            double h = Double.parseDouble(((Element) rects.item(i)).getAttribute("height"));
            tallest = Math.max(tallest, h);
            total += h;
        }
        // Ranks 0..6 occur 143, 143, 143, 143, 143, 143, 142 times.
        assertEquals(6 + 142.0 / 143, total / tallest, 1e-3);
    }

    @Test
    void histogramShowsFarScoresInAnOverflowBar() throws Exception {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 300) / 100.0;
        }
        v[7] = 3186;
        v[8] = 1200;
        Document doc =
                parse(
                        "<div>"
                                + Svg.histogram("h", "z", "events", v, 40, false, 2.5, "cut")
                                + "</div>");
        NodeList rects = doc.getElementsByTagNameNS(SVG, "rect");
        Element overflow = null;
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if ("overflow".equals(e.getAttribute("class"))) {
                overflow = e;
            }
        }
        assertTrue(overflow != null, "an overflow bar");
        assertEquals("2", overflow.getTextContent());
        assertEquals(41, rects.getLength());
        assertTrue(doc.getDocumentElement().getTextContent().contains("2 > 2.99"));
    }

    @Test
    void noTableHasAnEmptyHeaderRow() throws Exception {
        Document doc = parse(ReportHtml.render(fullRecord()));
        NodeList headers = doc.getElementsByTagNameNS(XHTML, "th");
        assertTrue(headers.getLength() > 0);
        for (int i = 0; i < headers.getLength(); i++) {
            assertFalse(headers.item(i).getTextContent().isBlank(), "empty header cell " + i);
        }
    }

    @Test
    void calibrationWithoutHoldOutSaysItUsedTheTrainingEvents() throws Exception {
        RunRecord r = fullRecord();
        r.calibratedOnTraining = true;
        r.validationLoss = Double.NaN;
        String text = parse(ReportHtml.render(r)).getDocumentElement().getTextContent();
        assertTrue(text.contains("No validation hold-out: calibrated on the training events"));
        assertTrue(text.contains("Training z scores") && text.contains("scored training events"));
        assertTrue(text.contains("- (nothing held out)"), text);
    }

    @Test
    void reportOfAnEarlyFailureIsStillWellFormed() throws Exception {
        RunRecord r = new RunRecord();
        r.status = RunStatus.FAILED;
        r.message = "no events to train on";
        r.config = Map.of("cell", "lstm");
        Document doc = parse(ReportHtml.render(r));
        assertTrue(doc.getDocumentElement().getTextContent().contains("no events to train on"));
        assertEquals(0, doc.getElementsByTagNameNS(SVG, "svg").getLength());
    }

    private static int countClass(Element root, String tag, String cls) {
        NodeList l = root.getElementsByTagNameNS(SVG, tag);
        int n = 0;
        for (int i = 0; i < l.getLength(); i++) {
            n += cls.equals(((Element) l.item(i)).getAttribute("class")) ? 1 : 0;
        }
        return n;
    }
}
