package io.keyedrnn.serve;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link Prediction} as one CBOR map (RFC 8949) with {@link PredictionJson}'s field names,
 * order and values: floats (prediction, state) as 4-byte CBOR floats, doubles (score, error, z,
 * probability, likelihood) as 8-byte ones, integers in their shortest form, and null where the JSON
 * has null (no timestamp, a non-finite number). Maps and arrays have definite lengths; no tags, no
 * string references, so every record decodes on its own. Not thread-safe: one generator is reused.
 */
public final class PredictionCbor implements PredictionEncoder {
    private static final CBORFactory FACTORY = new CBORFactory();
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString TS = new SerializedString("ts");
    private static final SerializedString VERSION = new SerializedString("model_version");
    private static final SerializedString PREDICTION = new SerializedString("prediction");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString ANOMALY = new SerializedString("anomaly");
    private static final SerializedString WARMUP = new SerializedString("warmup");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString QUIET = new SerializedString("quiet");
    private static final SerializedString PROBABILITY = new SerializedString("probability");
    private static final SerializedString RANK = new SerializedString("rank");
    private static final SerializedString ERROR = new SerializedString("error");
    private static final SerializedString Z = new SerializedString("z");
    private static final SerializedString LIKELIHOOD = new SerializedString("likelihood");
    private static final SerializedString STATE = new SerializedString("state");

    private final boolean includeState;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final CBORGenerator gen;

    public PredictionCbor(boolean includeState) {
        this.includeState = includeState;
        try {
            gen = FACTORY.createGenerator(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] toBytes(Prediction p) {
        bytes.reset();
        try {
            write(p);
            gen.flush();
        } catch (IOException e) {
            // Only a bug gets here: the generator writes to memory.
            throw new UncheckedIOException("cannot write the prediction of key " + p.key, e);
        }
        return bytes.toByteArray();
    }

    private void write(Prediction p) throws IOException {
        boolean state = includeState && p.state != null;
        gen.writeStartObject(p, fieldCount(p, state));
        gen.writeFieldName(KEY);
        gen.writeString(p.key);
        gen.writeFieldName(TS);
        if (p.timestamp == Event.NO_TIMESTAMP) {
            gen.writeNull();
        } else {
            gen.writeNumber(p.timestamp);
        }
        gen.writeFieldName(VERSION);
        gen.writeNumber(p.modelVersion);
        gen.writeFieldName(PREDICTION);
        floats(p.values, 0, p.length);
        number(SCORE, p.score);
        gen.writeFieldName(ANOMALY);
        gen.writeBoolean(p.anomaly);
        gen.writeFieldName(WARMUP);
        gen.writeBoolean(p.warmup);
        if (p.end) {
            gen.writeFieldName(END);
            gen.writeBoolean(true);
        }
        if (p.quiet) {
            gen.writeFieldName(QUIET);
            gen.writeBoolean(true);
        }
        if (p.scored) {
            writeScorerFields(p);
        }
        if (!Double.isNaN(p.likelihood)) {
            number(LIKELIHOOD, p.likelihood);
        }
        if (state) {
            writeState(p);
        }
        gen.writeEndObject();
    }

    /** Fields of the map, as {@link #write} writes them: CBOR maps say their size up front. */
    private static int fieldCount(Prediction p, boolean state) {
        int n = 7;
        n += p.end ? 1 : 0;
        n += p.quiet ? 1 : 0;
        n += p.scored ? 2 : 0;
        n += Double.isNaN(p.likelihood) ? 0 : 1;
        return n + (state ? 1 : 0);
    }

    private void writeScorerFields(Prediction p) throws IOException {
        if (p.categorical) {
            number(PROBABILITY, p.probability);
            gen.writeFieldName(RANK);
            gen.writeNumber(p.rank);
        } else {
            number(ERROR, p.error);
            number(Z, p.z);
        }
    }

    private void writeState(Prediction p) throws IOException {
        gen.writeFieldName(STATE);
        gen.writeStartArray(p.stateParts, p.stateParts.length - 1);
        for (int i = 0; i + 1 < p.stateParts.length; i++) {
            int from = p.stateParts[i];
            floats(p.state, from, p.stateParts[i + 1] - from);
        }
        gen.writeEndArray();
    }

    /** The array a[from, from + n) of 4-byte floats, null for a non-finite one (as the JSON). */
    private void floats(float[] a, int from, int n) throws IOException {
        gen.writeStartArray(a, n);
        for (int i = from; i < from + n; i++) {
            if (Float.isFinite(a[i])) {
                gen.writeNumber(a[i]);
            } else {
                gen.writeNull();
            }
        }
        gen.writeEndArray();
    }

    /** A double field as an 8-byte float, null when not finite (as the JSON). */
    private void number(SerializedString name, double v) throws IOException {
        gen.writeFieldName(name);
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }
}
