package io.keyedrnn.score;

/**
 * Welford's running mean and variance of a key's prediction errors, a plain mutable holder.
 *
 * <p>Fields are public so a state serializer can write them one by one; {@link #add} keeps them
 * consistent. Welford's update avoids the cancellation of the naive sum-of-squares formula.
 */
public final class RunningStats {
    /** Number of values added. */
    public long count;

    /** Mean of the values added. */
    public double mean;

    /** Sum of squared deviations from the mean (Welford's M2). */
    public double m2;

    /** Adds one value. Modified: this. */
    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    /** Sample variance (divides by count − 1); 0 with fewer than two values. */
    public double variance() {
        return count < 2 ? 0 : m2 / (count - 1);
    }

    /** Sample standard deviation; 0 with fewer than two values. */
    public double std() {
        return Math.sqrt(variance());
    }

    /** Forgets every value. Modified: this. */
    public void clear() {
        count = 0;
        mean = 0;
        m2 = 0;
    }

    /** Copies other's fields into this. Modified: this. */
    public void copyFrom(RunningStats other) {
        count = other.count;
        mean = other.mean;
        m2 = other.m2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunningStats r
                && r.count == count
                && Double.compare(r.mean, mean) == 0
                && Double.compare(r.m2, m2) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Double.hashCode(mean) * 17 + Double.hashCode(m2);
    }

    @Override
    public String toString() {
        return "RunningStats{count=" + count + ", mean=" + mean + ", m2=" + m2 + "}";
    }
}
