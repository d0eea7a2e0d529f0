package io.keyedrnn.jobs.cli;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ParseResult;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Offline replay: the streaming job's per-key step logic over a JSON-lines file, in input order.
 *
 * <p>Each good line gives one output line; a bad one is reported as {@code line N: reason: message}
 * and neither produces output nor touches any key's state. Keys live in a HashMap, so the number of
 * keys is bounded by memory.
 */
public final class Replay {
    private final ModelServable servable;
    private final EventParser parser;
    private final PredictionJson json;
    private final KeyState fresh;
    private final Map<String, KeyState> states = new HashMap<>();

    public Replay(Model model, ReplaySettings settings, boolean emitState) {
        this.servable = new ModelServable(model, settings.scoring());
        this.parser =
                EventParser.forModel(model, settings.fields(), settings.scoring().openVocabulary());
        this.json = new PredictionJson(emitState);
        this.fresh = servable.newState();
    }

    /** What a run did. */
    public record Summary(long lines, long predictions, long rejected, long anomalies, int keys) {
        @Override
        public String toString() {
            return lines
                    + " lines, "
                    + predictions
                    + " predictions, "
                    + keys
                    + " keys, "
                    + rejected
                    + " rejected, "
                    + anomalies
                    + " anomalies";
        }
    }

    /** Replays every line of in, writing predictions to out and rejections to err. */
    public Summary run(InputStream in, OutputStream out, PrintWriter err) throws IOException {
        long lines = 0;
        long predictions = 0;
        long rejected = 0;
        long anomalies = 0;
        ByteLines reader = new ByteLines(in);
        while (reader.next()) {
            lines++;
            Prediction p = step(reader.bytes(), reader.length(), lines, err);
            if (p == null) {
                rejected++;
                continue;
            }
            predictions++;
            anomalies += p.anomaly ? 1 : 0;
            json.writeLine(p, out);
        }
        out.flush();
        return new Summary(lines, predictions, rejected, anomalies, states.size());
    }

    private Prediction step(byte[] line, int length, long number, PrintWriter err) {
        ParseResult r = parser.parse(line, 0, length);
        if (!r.isOk()) {
            err.println("line " + number + ": " + r.reason().id() + ": " + r.message());
            return null;
        }
        Event e = r.event();
        KeyState s = states.get(e.getKey());
        RejectReason reason = servable.check(e, s != null ? s : fresh);
        if (reason != null) {
            err.println("line " + number + ": " + reason.id() + ": " + describe(reason, e, s));
            return null;
        }
        if (s == null) {
            s = servable.newState();
            states.put(e.getKey(), s);
        }
        Prediction p = servable.process(e, s);
        if (p == null) {
            err.println(
                    "line "
                            + number
                            + ": "
                            + RejectReason.NON_FINITE_STATE.id()
                            + ": "
                            + servable.lastFailure());
        }
        return p;
    }

    private static String describe(RejectReason reason, Event e, KeyState s) {
        if (reason == RejectReason.LATE_EVENT) {
            return "ts "
                    + e.getTimestamp()
                    + " of key '"
                    + e.getKey()
                    + "' is too far behind its latest "
                    + s.lastTimestamp;
        }
        return "key '" + e.getKey() + "' does not fit the model";
    }

    /** The state of a key after the run, or null if the key never had a good event. */
    public KeyState state(String key) {
        return states.get(key);
    }
}
