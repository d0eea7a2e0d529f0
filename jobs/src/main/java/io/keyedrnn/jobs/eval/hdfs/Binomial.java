package io.keyedrnn.jobs.eval.hdfs;

/** Exact binomial tail bounds for small observed counts. */
final class Binomial {
    private Binomial() {}

    /** P(X ≤ k) for X ~ Binomial(n, p), summed in log space. */
    static double cdf(long k, long n, double p) {
        if (p <= 0) {
            return 1.0;
        }
        if (p >= 1) {
            return k >= n ? 1.0 : 0.0;
        }
        double logC = 0;
        double sum = 0;
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log(n - i + 1) - Math.log(i);
            }
            sum += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log1p(-p));
        }
        return Math.min(1.0, sum);
    }

    /** The p at which P(X ≤ k) = alpha: the one-sided (1 − alpha) upper bound of k/n. */
    static double upper(long k, long n, double alpha) {
        if (k >= n) {
            return 1.0;
        }
        double lo = (double) k / n;
        double hi = 1.0;
        // cdf falls as p grows; 100 halvings pin p far below double rounding.
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (cdf(k, n, mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
