package io.keyedrnn.jobs.cli;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ParseResult;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.RejectMessages;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.SessionStep;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline replay: the streaming job's per-key step logic over a JSON-lines file, in input order.
 *
 * <p>Each good line gives one output line; a bad one is reported as {@code line N: reason: message}
 * and neither produces output nor touches any key's state. Session ends ({@link SessionStep}) add a
 * line {@code "end": true} each: after an event whose end field is true, before the first event of
 * a key that comes later than its latest plus {@code session.gap.ms} (event time), and, at the end
 * of the input, for every key still in a session with a gap (as Flink's final watermark fires the
 * job's timers), in order of end time then key. Keys live in a HashMap, so the number of keys is
 * bounded by memory.
 */
public final class Replay {
    private final ModelServable servable;
    private final EventParser parser;
    private final PredictionJson json;
    private final KeyState fresh;
    private final SessionStep session;
    private final Map<String, KeyState> states = new HashMap<>();
    private final Map<String, Long> pendingEnds = new HashMap<>();
    private OutputStream sink;
    private long predictions;
    private long anomalies;

    public Replay(Model model, ReplaySettings settings, boolean emitState) {
        this.servable = new ModelServable(model, settings.scoring());
        this.parser =
                EventParser.forModel(model, settings.fields(), settings.scoring().openVocabulary());
        this.json = new PredictionJson(emitState);
        this.fresh = servable.newState();
        this.session = new SessionStep(servable, settings.session());
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
        long rejected = 0;
        sink = out;
        predictions = 0;
        anomalies = 0;
        ByteLines reader = new ByteLines(in);
        try {
            while (reader.next()) {
                lines++;
                if (!step(reader.bytes(), reader.length(), lines, err)) {
                    rejected++;
                }
            }
            endOpenSessions();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return new Summary(lines, predictions, rejected, anomalies, states.size());
    }

    private boolean step(byte[] line, int length, long number, PrintWriter err) {
        ParseResult r = parser.parse(line, 0, length);
        if (!r.isOk()) {
            err.println("line " + number + ": " + r.reason().id() + ": " + r.message());
            return false;
        }
        Event e = r.event();
        KeyState s = states.get(e.getKey());
        RejectReason reason = session.check(e, s != null ? s : fresh);
        if (reason != null) {
            err.println(
                    "line "
                            + number
                            + ": "
                            + reason.id()
                            + ": "
                            + RejectMessages.describe(reason, e, s != null ? s : fresh, servable));
            return false;
        }
        long pending = pendingEnds.getOrDefault(e.getKey(), SessionStep.NO_END);
        boolean[] refused = {false};
        KeyState after =
                session.apply(
                        e,
                        s != null ? s : servable.newState(),
                        pending,
                        this::write,
                        why -> {
                            refused[0] = true;
                            err.println(
                                    "line "
                                            + number
                                            + ": "
                                            + RejectReason.NON_FINITE_STATE.id()
                                            + ": "
                                            + why);
                        });
        keep(e.getKey(), after, session.pendingEnd(e, after));
        return !refused[0];
    }

    /** What Flink's final watermark does: every pending gap end fires, earliest first. */
    private void endOpenSessions() {
        List<Map.Entry<String, Long>> open = new ArrayList<>(pendingEnds.entrySet());
        open.sort(
                Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> o : open) {
            String key = o.getKey();
            keep(
                    key,
                    session.end(key, o.getValue(), states.get(key), this::write),
                    SessionStep.NO_END);
        }
    }

    private void keep(String key, KeyState s, long pendingEnd) {
        if (s == null) {
            states.remove(key);
        } else {
            states.put(key, s);
        }
        if (pendingEnd == SessionStep.NO_END) {
            pendingEnds.remove(key);
        } else {
            pendingEnds.put(key, pendingEnd);
        }
    }

    private void write(Prediction p) {
        predictions++;
        anomalies += p.anomaly ? 1 : 0;
        try {
            json.writeLine(p, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state of a key after the run, or null if the key never had a good event. */
    public KeyState state(String key) {
        return states.get(key);
    }
}
