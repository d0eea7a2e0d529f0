package io.keyedrnn.bench.state;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * RocksDB's native get + put per event for a value of a given size, as Flink's RocksDB value state
 * does them (one get, one put of the whole value, no write-ahead log), over all keys in turn.
 *
 * <p>Keys are laid out as Flink's: key-group byte, the key string as {@code StringSerializer}
 * writes it, the void namespace byte. The database uses RocksDB's defaults plus a 1 GiB block cache
 * (the benchmark job gives RocksDB 1 GiB of managed memory), not Flink's tuned options, so it shows
 * how cost scales with value size rather than the job's exact figure.
 */
final class RocksValueCost {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 3;

    private RocksValueCost() {}

    /**
     * Prints get and put ns per event for values of {@code inline} bytes (the key state with its
     * ring, format 2) and {@code written} bytes (format 3), and the put of one ring entry.
     */
    static void print(int keys, int inline, int written, int entry) throws Exception {
        int[] sizes = {inline, written, entry};
        String[] what = {"key state, ring inline (format 2)", "key state (format 3)", "ring entry"};
        for (int i = 0; i < sizes.length; i++) {
            double[] ns = nsPerEvent(keys, sizes[i]);
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "     rocksdb value %5d B: get %6.0f ns  put %6.0f ns  (%s)",
                            sizes[i],
                            ns[0],
                            ns[1],
                            what[i]));
        }
        System.out.flush();
    }

    /** {get ns, put ns} per key, best of {@link #ROUNDS} rounds after loading every key once. */
    static double[] nsPerEvent(int keys, int valueBytes) throws Exception {
        RocksDB.loadLibrary();
        File dir = Files.createTempDirectory("rocks-value-cost").toFile();
        byte[][] k = keys(keys);
        byte[] value = new byte[valueBytes];
        double bestGet = Double.MAX_VALUE;
        double bestPut = Double.MAX_VALUE;
        long sink = 0;
        try (LRUCache cache = new LRUCache(1L << 30);
                Options o = options(cache);
                WriteOptions w = new WriteOptions().setDisableWAL(true);
                RocksDB db = RocksDB.open(o, dir.getPath())) {
            for (byte[] key : k) {
                db.put(w, key, value);
            }
            for (int r = 0; r < ROUNDS; r++) {
                long get = 0;
                long put = 0;
                for (int i = 0; i < keys; i++) {
                    long t0 = MX.getCurrentThreadCpuTime();
                    byte[] v = db.get(k[i]);
                    long t1 = MX.getCurrentThreadCpuTime();
                    v[0]++;
                    db.put(w, k[i], v);
                    put += MX.getCurrentThreadCpuTime() - t1;
                    get += t1 - t0;
                    sink += v[0];
                }
                bestGet = Math.min(bestGet, get / (double) keys);
                bestPut = Math.min(bestPut, put / (double) keys);
            }
        } finally {
            delete(dir);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {bestGet, bestPut};
    }

    private static Options options(LRUCache cache) {
        return new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    }

    /** Flink's key layout for a String key "k<i>" in the void namespace, key group i mod 128. */
    private static byte[][] keys(int keys) {
        byte[][] k = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            byte[] s = ("k" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] b = new byte[s.length + 3];
            b[0] = (byte) (i % 128);
            b[1] = (byte) (s.length + 1); // StringValue's length + 1, one byte below 128
            System.arraycopy(s, 0, b, 2, s.length);
            k[i] = b; // last byte 0: VoidNamespace
        }
        return k;
    }

    private static void delete(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                delete(c);
            }
        }
        f.delete();
    }
}
