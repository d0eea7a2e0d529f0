package io.keyedrnn.bench.json;

import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionCbor;
import io.keyedrnn.serve.PredictionJson;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One prediction record to JSON bytes: today's {@link PredictionJson} against the writer it
 * replaced ({@link JdkPredictionJson}, Float/Double.toString) and against the same record as CBOR
 * ({@link PredictionCbor}, prediction.format cbor), on records cycling through 64 predictions of a
 * numeric scorer with {@code outputs} prediction values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class PredictionJsonBenchmark {
    private static final int RECORDS = 64;

    @Param({"4", "16"})
    public int outputs;

    private final Prediction[] records = new Prediction[RECORDS];
    private final PredictionJson json = new PredictionJson(false);
    private final JdkPredictionJson jdk = new JdkPredictionJson();
    private final PredictionCbor cbor = new PredictionCbor(false);
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < RECORDS; i++) {
            Prediction p = new Prediction();
            p.key = "host-" + rnd.nextInt(200_000);
            p.timestamp = 1_700_000_000_000L + rnd.nextInt(1 << 30);
            p.modelVersion = 3;
            p.values = new float[outputs];
            for (int k = 0; k < outputs; k++) {
                p.values[k] = (float) rnd.nextGaussian();
            }
            p.length = outputs;
            p.scored = true;
            p.error = rnd.nextDouble() * 2;
            p.z = rnd.nextGaussian();
            p.score = Math.abs(p.z);
            records[i] = p;
        }
    }

    @Benchmark
    public byte[] schubfach() {
        next = (next + 1) & (RECORDS - 1);
        return json.toBytes(records[next]);
    }

    @Benchmark
    public byte[] jdkToString() {
        next = (next + 1) & (RECORDS - 1);
        return jdk.toBytes(records[next]);
    }

    @Benchmark
    public byte[] cbor() {
        next = (next + 1) & (RECORDS - 1);
        return cbor.toBytes(records[next]);
    }
}
