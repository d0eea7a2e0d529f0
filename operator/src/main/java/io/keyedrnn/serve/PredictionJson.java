package io.keyedrnn.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Prediction} as one JSON object, deterministically: fixed field order, floats and
 * doubles as their shortest exact round-trip decimal in {@link Float#toString(float)}'s notation
 * (see {@link JsonText}), non-finite numbers as null. Same prediction, same bytes.
 *
 * <p>Fields: key, ts (null when absent), model_version, prediction, score, anomaly, warmup; {@code
 * "end": true} on a session's end record (absent on event records); quiet (true, only in an alert's
 * quiet period); then, when scored, error and z (numeric) or probability and rank (categorical);
 * likelihood when enabled; state (per layer h, then c for LSTM) when built with includeState. Not
 * thread-safe: reuses its buffer.
 */
public final class PredictionJson {
    private final boolean includeState;
    private final StringBuilder sb = new StringBuilder(256);

    public PredictionJson(boolean includeState) {
        this.includeState = includeState;
    }

    /** The record as UTF-8 bytes, without a trailing newline. */
    public byte[] toBytes(Prediction p) {
        return render(p).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the record and a newline. */
    public void writeLine(Prediction p, OutputStream out) throws IOException {
        render(p).append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private StringBuilder render(Prediction p) {
        sb.setLength(0);
        sb.append("{\"key\":");
        JsonText.string(sb, p.key);
        sb.append(",\"ts\":");
        if (p.timestamp == Event.NO_TIMESTAMP) {
            sb.append("null");
        } else {
            sb.append(p.timestamp);
        }
        sb.append(",\"model_version\":").append(p.modelVersion);
        sb.append(",\"prediction\":");
        JsonText.floats(sb, p.values, 0, p.length);
        sb.append(",\"score\":");
        JsonText.number(sb, p.score);
        sb.append(",\"anomaly\":").append(p.anomaly);
        sb.append(",\"warmup\":").append(p.warmup);
        if (p.end) {
            sb.append(",\"end\":true");
        }
        if (p.quiet) {
            sb.append(",\"quiet\":true");
        }
        if (p.scored) {
            appendScorerFields(p);
        }
        if (!Double.isNaN(p.likelihood)) {
            sb.append(",\"likelihood\":");
            JsonText.number(sb, p.likelihood);
        }
        if (includeState && p.state != null) {
            appendState(p);
        }
        return sb.append('}');
    }

    private void appendScorerFields(Prediction p) {
        if (p.categorical) {
            sb.append(",\"probability\":");
            JsonText.number(sb, p.probability);
            sb.append(",\"rank\":").append(p.rank);
        } else {
            sb.append(",\"error\":");
            JsonText.number(sb, p.error);
            sb.append(",\"z\":");
            JsonText.number(sb, p.z);
        }
    }

    private void appendState(Prediction p) {
        sb.append(",\"state\":[");
        for (int i = 0; i + 1 < p.stateParts.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int from = p.stateParts[i];
            JsonText.floats(sb, p.state, from, p.stateParts[i + 1] - from);
        }
        sb.append(']');
    }
}
