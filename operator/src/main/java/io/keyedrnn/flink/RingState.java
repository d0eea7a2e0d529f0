package io.keyedrnn.flink;

import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.Ring;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The entries of each key's input ring in keyed state of their own, by ring slot: {@value
 * #FEATURES} for numeric models, {@value #TOKENS} for categorical ones. An event writes one entry
 * and reads none; the entries are read only when the servable replays or resizes the ring. They
 * share the key state's time-to-live and are cleared with it. Used with {@link
 * ScoringOptions#ringInOwnState} (RocksDB); without it, it only hands back entries left by a job
 * that used it.
 */
final class RingState {
    /** Name of the per-key map state: ring slot → the raw features of that entry. */
    static final String FEATURES = "ring-features";

    /** Name of the per-key map state: ring slot → the token id of that entry. */
    static final String TOKENS = "ring-tokens";

    final MapState<Integer, float[]> features;
    final MapState<Integer, Integer> tokens;

    RingState(RuntimeContext ctx, StateTtlConfig ttl) {
        MapStateDescriptor<Integer, float[]> f =
                new MapStateDescriptor<>(
                        FEATURES,
                        Types.INT,
                        PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO);
        MapStateDescriptor<Integer, Integer> t =
                new MapStateDescriptor<>(TOKENS, Types.INT, Types.INT);
        if (ttl != null) {
            f.enableTimeToLive(ttl);
            t.enableTimeToLive(ttl);
        }
        this.features = ctx.getMapState(f);
        this.tokens = ctx.getMapState(t);
    }

    /**
     * Keeps the ring entries of s, the current key's state (null: none), in this state from now on
     * (entries s still holds inline move here when it is stored). Returns s. Modified: s.
     */
    KeyState attach(KeyState s) {
        if (s != null && !(s.ringStore instanceof KeyRing k && k.owner() == this)) {
            Ring.attach(s, new KeyRing(this));
        }
        return s;
    }

    /**
     * For a job that keeps the ring inside the key state: entries of s, the current key's state
     * (null: none), that a job with the ring in this state left here move back into s and are
     * dropped here. Returns s. Modified: s.
     */
    KeyState inline(KeyState s) {
        if (s != null && Ring.heldOutside(s)) {
            Ring.bringInline(s, new KeyRing(this));
            clear();
        }
        return s;
    }

    /** Writes what the ring of s (the current key's state) was given since it was read. */
    void flush(KeyState s) throws Exception {
        attach(s);
        ((KeyRing) s.ringStore).flush();
    }

    /** Drops the current key's entries (its state was cleared). */
    void clear() {
        features.clear();
        tokens.clear();
    }
}
