package io.keyedrnn.bench.json;

import io.keyedrnn.serve.Prediction;
import java.nio.charset.StandardCharsets;

/**
 * The prediction writer as it was before the Schubfach numbers, kept as the benchmark's baseline:
 * the same fields as {@code PredictionJson} for a numeric record, numbers by StringBuilder.append
 * (Float/Double.toString). Keys are assumed to need no escaping.
 */
final class JdkPredictionJson {
    private final StringBuilder sb = new StringBuilder(256);

    byte[] toBytes(Prediction p) {
        sb.setLength(0);
        sb.append("{\"key\":\"").append(p.key).append('"');
        sb.append(",\"ts\":").append(p.timestamp);
        sb.append(",\"model_version\":").append(p.modelVersion);
        sb.append(",\"prediction\":[");
        for (int i = 0; i < p.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(p.values[i]);
        }
        sb.append("],\"score\":").append(p.score);
        sb.append(",\"anomaly\":").append(p.anomaly);
        sb.append(",\"warmup\":").append(p.warmup);
        sb.append(",\"error\":").append(p.error);
        sb.append(",\"z\":").append(p.z);
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
