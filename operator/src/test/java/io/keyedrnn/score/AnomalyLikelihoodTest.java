package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

    @Test
    void matchesDirectComputationWhileLongWindowIsNotFull() {
        // Until longWindow scores, the long statistics are the plain mean and population variance.
        int shortWindow = 4;
        AnomalyLikelihood lik = new AnomalyLikelihood(shortWindow);
        SplittableRandom rnd = new SplittableRandom(11);
        List<Double> seen = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            double score = (float) rnd.nextGaussian();
            double got = lik.update(score, 1000);
            double expected = 0.5;
            if (seen.size() >= 2) {
                double mean = seen.stream().mapToDouble(d -> d).average().orElseThrow();
                double var =
                        seen.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / seen.size();
                List<Double> withNew = new ArrayList<>(seen);
                withNew.add(score);
                double shortMean =
                        withNew
                                .subList(Math.max(0, withNew.size() - shortWindow), withNew.size())
                                .stream()
                                .mapToDouble(d -> d)
                                .average()
                                .orElseThrow();
                expected = Gaussian.cdf((shortMean - mean) / Math.sqrt(var));
            }
            assertEquals(expected, got, 1e-9, "t=" + t);
            seen.add(score);
        }
    }

    @Test
    void sustainedJumpIsLikelyAnomalous() {
        AnomalyLikelihood lik = new AnomalyLikelihood(5);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 300; t++) {
            lik.update(rnd.nextGaussian(), 100);
        }
        double last = 0;
        for (int t = 0; t < 5; t++) {
            last = lik.update(8 + rnd.nextGaussian(), 100);
        }
        assertTrue(last > 0.9999, "likelihood " + last);
    }

    @Test
    void copyAndClear() {
        AnomalyLikelihood a = new AnomalyLikelihood(3);
        a.update(1, 10);
        a.update(2, 10);
        AnomalyLikelihood b = a.copy();
        assertEquals(a, b);
        a.clear();
        assertEquals(new AnomalyLikelihood(3), a);
        assertEquals(2, b.longCount);
    }

    @Test
    void tailLeavesTheLongWindowToLearn() {
        AnomalyLikelihood a = new AnomalyLikelihood(2);
        a.learn(0, 100);
        a.learn(2, 100);
        // long window {0, 2}: mean 1, population std 1; short window {3}: z = 2.
        assertEquals(Gaussian.tail(2), a.tail(3), 1e-12);
        assertEquals(2, a.longCount);
        assertEquals(3, a.shortMean(), 1e-12);
        a.tail(1);
        assertEquals(2, a.shortMean(), 1e-12);
        assertEquals(1, a.longMean, 1e-12);
    }
}
