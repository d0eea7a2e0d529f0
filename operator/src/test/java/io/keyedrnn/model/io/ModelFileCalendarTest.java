package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.onnx.Onnx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata's calendar inputs: kept through a file, absent in old files, checked on read. */
class ModelFileCalendarTest {
    private static final CalendarInputs TOD = CalendarInputs.parse("time_of_day");

    /** A numeric LSTM taking 1 feature and the time of day (3 inputs), predicting all 3. */
    private static Model calendarModel() {
        var net = NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 4, 1), 3);
        Normalizer n = new Normalizer(new float[] {5f, 0f, 0f}, new float[] {2f, 0.7f, 0.7f});
        ModelMetadata m =
                new ModelMetadata(
                                1, null, null, null, List.of("load"), null, n, null, 7L, null, null)
                        .withCalendar(TOD);
        return new Model(net, m);
    }

    /** LSTM with input 3, hidden 3 and a head of 3, plus the given keyed_rnn metadata. */
    private static RawSafetensors numeric(String json) {
        return RawSafetensors.plain(4, 3, 3, 1, 3).metadata(ModelMetadata.METADATA_KEY, json);
    }

    @Test
    void calendarSurvivesTheFileAndCountsOutOfTheEventFeatures() throws Exception {
        Model read = ModelFile.read(ModelFile.toBytes(calendarModel()), "cal.safetensors");
        assertEquals(List.of("time_of_day"), read.metadata().calendar());
        assertEquals(TOD, read.metadata().calendarInputs());
        assertEquals(1, read.eventFeatures());
        assertEquals(3, read.network().inputSize());
        assertEquals(List.of("load"), read.metadata().featureNames());
        String summary = ModelSummary.describe(read);
        assertTrue(
                summary.contains("1 features [load] and 2 calendar inputs [time_of_day]"), summary);
    }

    @Test
    void aFileWithoutCalendarReadsAsBefore() throws Exception {
        Model read = ModelFile.read(numeric("{\"format\":1}").bytes(), "old.safetensors");
        assertNull(read.metadata().calendar());
        assertEquals(CalendarInputs.NONE, read.metadata().calendarInputs());
        assertEquals(3, read.eventFeatures());
        byte[] again = ModelFile.toBytes(read);
        String header = new String(again, 8, 200, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!header.contains("calendar"), "no calendar field written for none: " + header);
    }

    @Test
    void unknownOrRepeatedInputsAreRefusedNamingTheField() {
        assertRejected(
                numeric("{\"calendar\":[\"hour_of_day\"]}"),
                "calendar[0]",
                "hour_of_day",
                "expected one of time_of_day, day_of_week");
        assertRejected(numeric("{\"calendar\":\"time_of_day\"}"), "calendar", "an array");
        assertRejected(
                numeric("{\"calendar\":[\"time_of_day\",\"time_of_day\"]}"), "calendar", "repeat");
    }

    @Test
    void calendarMustLeaveAnEventFeatureAndFeatureNamesCountWithoutIt() {
        assertRejected(
                numeric("{\"calendar\":[\"time_of_day\",\"day_of_week\"]}"),
                "takes 4 of the 3 inputs");
        RawSafetensors two = RawSafetensors.plain(4, 2, 3, 1, 2);
        assertRejected(
                two.metadata(ModelMetadata.METADATA_KEY, "{\"calendar\":[\"time_of_day\"]}"),
                "leaving no event feature");
        assertRejected(
                numeric("{\"calendar\":[\"time_of_day\"],\"feature_names\":[\"a\",\"b\"]}"),
                "feature_names has 2 features",
                "2 of them calendar inputs");
    }

    @Test
    void aGaussianHeadTakesNoCalendarInputs() {
        RawSafetensors gaussian = RawSafetensors.plain(4, 3, 3, 1, 6);
        assertRejected(
                gaussian.metadata(
                        ModelMetadata.METADATA_KEY,
                        "{\"output\":\"gaussian\",\"calendar\":[\"time_of_day\"]}"),
                "cannot be combined with output 'gaussian'");
    }

    @Test
    void theWriterRefusesWhatTheReaderWould() {
        var net = NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 2, 3, 1), 1);
        Model bad =
                new Model(
                        net,
                        ModelMetadata.empty()
                                .withCalendar(CalendarInputs.parse("time_of_day,day_of_week")));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelFile.toBytes(bad));
        assertTrue(e.getMessage().contains("leaving no event feature"), e.getMessage());
    }

    @Test
    void onnxExportRefusesACalendarModel() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Onnx.toBytes(calendarModel()));
        assertTrue(e.getMessage().contains("calendar inputs"), e.getMessage());
    }
}
