package io.keyedrnn.serve;

/** Turns a prediction into the bytes of one output record ({@link PredictionFormat}). */
public interface PredictionEncoder {
    /** The record's bytes; a fresh array the caller may keep. */
    byte[] toBytes(Prediction p);
}
