package io.keyedrnn.flink;

import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.RejectMessages;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.ServableBatch;
import io.keyedrnn.serve.SessionStep;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed step: for each event, the key's {@link KeyState} from Flink state is refused or begun
 * in one pass ({@link SessionStep#begin}) and stepped by the same code as offline replay; the
 * prediction leaves in the job's format (JSON or CBOR), keyed by the event key ({@link
 * EventOutput}). Models arrive on the broadcast input; the current model file lives in broadcast
 * state, so a restored job scores with the model it had.
 *
 * <p>Events before any model (no start-up model, none published) are dead letters {@code no_model}.
 * Events the model refuses (feature count, token, lateness) are dead letters with the servable's
 * reason and leave the key's state untouched. Refused model records are dead letters too (written
 * once, by subtask 0) and the current model stays.
 *
 * <p>Session ends ({@link SessionStep}): an event whose end field is true, or an inactivity gap (a
 * keyed timer, {@link SessionTimers}), emits the key's {@code <end>} prediction and then clears or
 * keeps its state.
 *
 * <p>In the job it runs inside {@link BatchingScoreOperator}, which hands it rounds of buffered
 * events of different keys ({@link #startRound}); their steps are then one {@link ServableBatch},
 * with output, state and dead letters exactly those of one event at a time.
 */
public final class ScoringFunction
        extends KeyedBroadcastProcessFunction<
                String, ParsedRecord, RawRecord, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringFunction.class);

    /** Broadcast state: {@value #CURRENT} → the model file in use. */
    public static final MapStateDescriptor<String, byte[]> MODELS =
            new MapStateDescriptor<>(
                    "models", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    static final String CURRENT = "current";

    /** Name of the per-key value state. */
    public static final String KEY_STATE = "key-state";

    private final ScoringOptions options;
    private transient ValueState<KeyState> keyState;
    private transient RingState ring;
    private transient ModelGate gate;
    private transient ModelServable startup;
    private transient ModelServable servable;
    private transient byte[] servableFile;
    private transient EventOutput output;
    private transient ScoringMetrics metrics;
    private transient SessionTimers timers;
    private transient SessionStep step;
    private transient BatchRound round;
    private transient boolean byReference;

    public ScoringFunction(ScoringOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        ValueStateDescriptor<KeyState> desc =
                new ValueStateDescriptor<>(KEY_STATE, KeyStateSerializer.INSTANCE);
        StateTtlConfig ttl =
                options.stateTtlMs() > 0
                        ? StateTtlConfig.newBuilder(Duration.ofMillis(options.stateTtlMs())).build()
                        : null;
        if (ttl != null) {
            desc.enableTimeToLive(ttl);
        }
        keyState = getRuntimeContext().getState(desc);
        ring = new RingState(getRuntimeContext(), ttl);
        byte[] file = options.startupModel();
        boolean categorical =
                file != null
                        && ModelFile.read(file, options.startupModelName())
                                .network()
                                .isCategorical();
        gate =
                new ModelGate(
                        options.scoringConfig(),
                        options.categorical(categorical),
                        options.features(),
                        options.maxModelBytes(),
                        options.modelPointers());
        if (file != null) {
            startup = gate.load(file, options.startupModelName());
        }
        timers = new SessionTimers(options.session(), getRuntimeContext());
        metrics =
                new ScoringMetrics(getRuntimeContext().getMetricGroup())
                        .withStepMetrics(() -> servable == null ? -1 : servable.model().version());
        output =
                new EventOutput(options.predictionFormat().encoder(options.outputState()), metrics);
    }

    @Override
    public void processElement(
            ParsedRecord r, ReadOnlyContext ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        if (round != null && round.collecting()) {
            collect(r, ctx);
            return;
        }
        int slot = round != null && round.emitting() ? round.next() : BatchRound.ONE_BY_ONE;
        if (slot >= 0) {
            emitSlot(slot, r, ctx, out);
        } else if (slot == BatchRound.ONE_BY_ONE) {
            processOne(r, ctx, out);
        }
    }

    /**
     * Starts a round of buffered events ({@link BatchingScoreOperator}): each goes through {@link
     * #processElement} twice, with its key current, in the same order: the first pass takes it into
     * the batch (or leaves it to the per-event path: session ends, refusals, no model), {@link
     * #stepRound} steps the batch, the second pass emits and stores.
     */
    void startRound(int capacity) {
        if (round == null) {
            round = new BatchRound(capacity);
        }
        round.begin();
    }

    /**
     * Whether the keyed state backend is Flink's heap backend itself (not wrapped, e.g. by the
     * changelog): its value state hands out the object it holds (a copy-on-write copy during a
     * snapshot, put in its place), so a state read and changed in place in one round needs no write
     * back. Without time-to-live only: a write refreshes the entry's time.
     */
    void heapBackend(boolean heap) {
        byReference = heap && options.stateTtlMs() == 0 && !options.ringInOwnState();
    }

    /** Whether a batched event's state, read and changed in place, is left unwritten. */
    boolean storesByReference() {
        return byReference;
    }

    void stepRound() {
        ServableBatch b = round.taken();
        if (b != null) {
            long start = System.nanoTime();
            b.step();
            metrics.batchStepped(System.nanoTime() - start, b.size());
        }
        round.stepped();
    }

    void endRound() {
        round.end();
    }

    /** First pass: takes the event into the batch if nothing but its step is to be done. */
    private void collect(ParsedRecord r, ReadOnlyContext ctx) throws Exception {
        // One broadcast state lookup per round: a model record steps the buffer before it lands.
        if (!round.resolved()) {
            round.resolve(current(ctx.getBroadcastState(MODELS).get(CURRENT)));
        }
        ModelServable sv = round.servable();
        Event e = r.event;
        if (sv == null
                || !e.hasValue()
                || e.isEnd()
                || options.session().endsBefore(timers.pendingEventEnd(), e)) {
            round.mark(BatchRound.ONE_BY_ONE);
            return;
        }
        KeyState read = readState();
        KeyState s = read != null ? read : sv.newState();
        ServableBatch b = round.batch(sv);
        // A refused event leaves the state as it was: the per-event path refuses it again, so dead
        // letters keep their order among the predictions.
        if (b.add(e, s) == null) {
            round.mark(b.size() - 1);
            round.read(b.size() - 1, read);
        } else {
            round.mark(BatchRound.ONE_BY_ONE);
        }
    }

    /** Second pass of an event that took batch slot i: as {@link SessionStep#apply} ends it. */
    private void emitSlot(
            int i, ParsedRecord r, ReadOnlyContext ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        ServableBatch b = round.taken();
        Prediction p = b.result(i);
        output.of(r, ctx, out, -1);
        if (p == null) {
            output.nonFinite(b.failure(i));
        } else {
            output.prediction(p);
        }
        KeyState after = b.state(i);
        if (!(byReference && after != null && after == round.read(i))) {
            store(after); // else the heap holds after itself: a write would look the key up again
        }
        timers.afterEvent(r.event, after, session(b.servable()), ctx.timerService());
    }

    private void processOne(
            ParsedRecord r, ReadOnlyContext ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        ModelServable sv = current(ctx.getBroadcastState(MODELS).get(CURRENT));
        if (sv == null) {
            output.of(r, ctx, out, -1)
                    .deadLetter(
                            JobReason.NO_MODEL.id(),
                            "no model yet: start the job with a model"
                                    + " or publish one to the model topic first");
            return;
        }
        KeyState s = readState();
        if (s == null) {
            s = sv.newState();
        }
        SessionStep session = session(sv);
        long pendingEnd = timers.pendingEventEnd();
        output.of(r, ctx, out, metrics.startStep());
        RejectReason why = session.begin(r.event, s, pendingEnd);
        if (why != null) {
            output.deadLetter(why.id(), RejectMessages.describe(why, r.event, s, sv));
            return;
        }
        KeyState after = session.finish(r.event, s, pendingEnd, output);
        store(after);
        timers.afterEvent(r.event, after, session, ctx.timerService());
    }

    /** The key's session ended by inactivity: score its end, then clear or keep its state. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        ModelServable sv = current(ctx.getBroadcastState(MODELS).get(CURRENT));
        if (!timers.fired(timestamp) || sv == null) {
            return;
        }
        KeyState s = readState();
        output.of(null, ctx, out, metrics.startStep());
        SessionStep session = session(sv);
        String key = ctx.getCurrentKey();
        store(
                session.end(
                        key,
                        timestamp,
                        s != null ? s : sv.newState(),
                        output::prediction,
                        // No record to dead-letter: the end is skipped and the key kept.
                        why -> LOG.warn("session end of key {} not scored: {}", key, why)));
    }

    /**
     * The current key's state (null: none yet), its ring entries in the ring state or in the key
     * state as {@link ScoringOptions#ringInOwnState} says, moved over if written the other way.
     */
    private KeyState readState() throws Exception {
        KeyState s = keyState.value();
        return options.ringInOwnState() ? ring.attach(s) : ring.inline(s);
    }

    /** Stores the current key's state and its new ring entries; null clears both. */
    private void store(KeyState s) throws Exception {
        if (s == null) {
            keyState.clear();
            ring.clear();
        } else {
            if (options.ringInOwnState()) {
                ring.flush(s); // first: it moves entries a new state holds inline out of its value
            }
            keyState.update(s);
        }
    }

    /** The session rules around the servable in use (rebuilt when the model changes). */
    private SessionStep session(ModelServable sv) {
        if (step == null || step.servable() != sv) {
            step = new SessionStep(sv, options.session());
        }
        return step;
    }

    /** The servable for the model file in broadcast state (the start-up model if none). */
    private ModelServable current(byte[] file) throws ModelRejected {
        if (file == null) {
            servable = startup;
            servableFile = null;
        } else if (file != servableFile) {
            // First event after a restore (or another subtask's copy): rebuild once from state.
            servable = gate.load(file, "model in broadcast state");
            servableFile = file;
        }
        return servable;
    }

    @Override
    public void processBroadcastElement(
            RawRecord rec, Context ctx, Collector<Tuple2<String, byte[]>> out) throws Exception {
        if (rec.value == null) {
            LOG.info("Ignoring model tombstone at {}", rec.origin());
            return;
        }
        BroadcastState<String, byte[]> models = ctx.getBroadcastState(MODELS);
        byte[] currentFile = models.get(CURRENT);
        ModelServable now = current(currentFile);
        try {
            ModelGate.Accepted next =
                    gate.decide(
                            rec.value,
                            "model record " + rec.origin(),
                            now,
                            currentFile != null ? currentFile : options.startupModel());
            if (next == null) {
                LOG.info("Model record {} repeats the model in use", rec.origin());
                return;
            }
            models.put(CURRENT, next.file());
            servable = next.servable();
            servableFile = next.file();
            LOG.info(
                    "Model version {} from {} is now in use",
                    servable.model().version(),
                    rec.origin());
            if (!servable.model().metadata().hasVersion()
                    && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.warn(ModelMetadata.absentVersionWarning("model record " + rec.origin()));
            }
        } catch (ModelRejected e) {
            LOG.warn(
                    "Rejected model record {} ({}): {}",
                    rec.origin(),
                    e.reason.id(),
                    e.getMessage());
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                metrics.deadLetter(e.reason.id());
                ctx.output(
                        ScoringPipeline.DEAD_LETTERS,
                        new DeadLetter(e.reason.id(), e.getMessage(), null, rec));
            }
        }
    }
}
