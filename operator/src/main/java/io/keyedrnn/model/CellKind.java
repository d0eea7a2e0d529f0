package io.keyedrnn.model;

import java.util.Locale;

/** The recurrent cell kinds keyed-rnn runs, with their gate counts in PyTorch's layout. */
public enum CellKind {
    /** Long short-term memory; gates i, f, g, o. */
    LSTM(4),
    /** GRU as in PyTorch: the reset gate multiplies {@code W_hn h + b_hn}. */
    GRU(3),
    /** GRU as in Cho et al. 2014 (ONNX linear_before_reset=0): r multiplies h before W_hn. */
    GRU_CHO(3),
    /** Elman RNN with tanh. */
    RNN_TANH(1),
    /** Elman RNN with relu. */
    RNN_RELU(1);

    private final int gates;

    CellKind(int gates) {
        this.gates = gates;
    }

    /** Number of gate blocks stacked in {@code weight_ih} / {@code weight_hh}. */
    public int gates() {
        return gates;
    }

    /** Name used in model metadata and on the command line, e.g. {@code gru_cho}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; also accepts {@code gru_pytorch} and {@code rnn} (tanh). */
    public static CellKind fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT);
        switch (norm) {
            case "rnn":
                return RNN_TANH;
            case "gru_pytorch":
                return GRU;
            default:
                for (CellKind k : values()) {
                    if (k.id().equals(norm)) {
                        return k;
                    }
                }
                throw new IllegalArgumentException(
                        "unknown cell kind '"
                                + id
                                + "' (expected lstm, gru, gru_cho, rnn_tanh or rnn_relu)");
        }
    }

    /**
     * The kind a plain PyTorch file implies from its gate count (RNN means tanh, GRU PyTorch form).
     */
    public static CellKind fromGateCount(int gates) {
        switch (gates) {
            case 4:
                return LSTM;
            case 3:
                return GRU;
            case 1:
                return RNN_TANH;
            default:
                throw new IllegalArgumentException(
                        "weight_hh_l0 has "
                                + gates
                                + " gate blocks; expected 4 (LSTM), 3 (GRU) or 1 (RNN)");
        }
    }

    /** Whether the layer keeps a cell state c beside h. */
    public boolean hasCellState() {
        return this == LSTM;
    }
}
