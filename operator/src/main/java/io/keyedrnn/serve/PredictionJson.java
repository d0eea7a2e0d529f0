package io.keyedrnn.serve;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link Prediction} as one JSON object, deterministically: fixed field order, floats and
 * doubles as their shortest exact round-trip decimal in {@link Float#toString(float)}'s notation
 * (see {@link JsonText}), non-finite numbers as null. Same prediction, same bytes.
 *
 * <p>Fields: key, ts (null when absent), model_version, prediction, prediction_std (a Gaussian
 * head's predicted standard deviations, absent for other models), score, anomaly, warmup; {@code
 * "end": true} on a session's end record (absent on event records); quiet (true, only in an alert's
 * quiet period); then, when scored, error and z (numeric) or probability and rank (categorical);
 * likelihood when enabled; state (per layer h, then c for LSTM) when built with includeState. Not
 * thread-safe: reuses its buffer, written as UTF-8 bytes directly ({@link JsonBytes}).
 */
public final class PredictionJson implements PredictionEncoder {
    private final boolean includeState;
    private final JsonBytes out = new JsonBytes();

    public PredictionJson(boolean includeState) {
        this.includeState = includeState;
    }

    /** The record as UTF-8 bytes, without a trailing newline. */
    @Override
    public byte[] toBytes(Prediction p) {
        render(p);
        return out.toBytes();
    }

    /** Writes the record and a newline. */
    public void writeLine(Prediction p, OutputStream stream) throws IOException {
        render(p).put('\n');
        out.writeTo(stream);
    }

    private JsonBytes render(Prediction p) {
        out.clear();
        out.ascii("{\"key\":").string(p.key);
        out.ascii(",\"ts\":");
        if (p.timestamp == Event.NO_TIMESTAMP) {
            out.ascii("null");
        } else {
            out.number(p.timestamp);
        }
        out.ascii(",\"model_version\":").number(p.modelVersion);
        out.ascii(",\"prediction\":").floats(p.values, 0, p.length);
        if (p.std != null) {
            out.ascii(",\"prediction_std\":").floats(p.std, 0, p.length);
        }
        out.ascii(",\"score\":").number(p.score);
        out.ascii(",\"anomaly\":").bool(p.anomaly);
        out.ascii(",\"warmup\":").bool(p.warmup);
        if (p.end) {
            out.ascii(",\"end\":true");
        }
        if (p.quiet) {
            out.ascii(",\"quiet\":true");
        }
        if (p.scored) {
            appendScorerFields(p);
        }
        if (!Double.isNaN(p.likelihood)) {
            out.ascii(",\"likelihood\":").number(p.likelihood);
        }
        if (includeState && p.state != null) {
            appendState(p);
        }
        return out.put('}');
    }

    private void appendScorerFields(Prediction p) {
        if (p.categorical) {
            out.ascii(",\"probability\":").number(p.probability);
            out.ascii(",\"rank\":").number((long) p.rank);
        } else {
            out.ascii(",\"error\":").number(p.error);
            out.ascii(",\"z\":").number(p.z);
        }
    }

    private void appendState(Prediction p) {
        out.ascii(",\"state\":[");
        for (int i = 0; i + 1 < p.stateParts.length; i++) {
            if (i > 0) {
                out.put(',');
            }
            int from = p.stateParts[i];
            out.floats(p.state, from, p.stateParts[i + 1] - from);
        }
        out.put(']');
    }
}
