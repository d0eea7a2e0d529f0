package io.keyedrnn.jobs.eval.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads DeepLog's HDFS session files: one block session per line, space-separated 1-based log-key
 * ids, usually with a trailing space.
 */
public final class HdfsSessions {
    private HdfsSessions() {}

    /** Each session's key ids converted to 0-based, in file order; errors name file and line. */
    public static List<int[]> read(Path file, int numKeys) {
        List<String> lines = TextLines.read(file);
        List<int[]> sessions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                throw DataError.at(file, i + 1, "empty session");
            }
            String[] tokens = line.split(" +");
            int[] keys = new int[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                int id = Numbers.integer(tokens[t], file, i + 1, "log key " + (t + 1));
                if (id < 1 || id > numKeys) {
                    throw DataError.at(file, i + 1, "log key " + id + " outside 1.." + numKeys);
                }
                keys[t] = id - 1;
            }
            sessions.add(keys);
        }
        if (sessions.isEmpty()) {
            throw DataError.in(file, "no sessions");
        }
        return sessions;
    }
}
