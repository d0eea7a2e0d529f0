package io.keyedrnn.jobs.train.calibrate;

import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.prepare.PreparedData.PreparedKey;
import io.keyedrnn.jobs.train.prepare.ServingPass;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.ScoringConfig;

/**
 * A model's loss on the validation events, through the serving step, in the units of the new model:
 * numeric, the mean over validation events of the mean squared difference between the previous
 * forecast and the event's features, both normalised with the new model's normaliser; categorical,
 * the mean surprisal −ln p of the actual token. A Gaussian head's loss is its Gaussian NLL instead,
 * mean over features of ½ (ln σ² + (μ − x)² / σ²) with μ and σ in the new model's normalised units;
 * {@code meansOnly} measures the squared error of its means, the measure a linear and a Gaussian
 * model share. For the new model this is the trainer's validation loss; for the current model it is
 * the same measure, so the two compare even when their normalisers differ. A model that cannot read
 * the data loses (infinite loss).
 */
public final class ValidationLoss {
    /** The loss, and why it is infinite when the model cannot read the data (else null). */
    public record Result(double loss, String problem) {}

    private ValidationLoss() {}

    public static Result of(Model m, PreparedData d, ScoringConfig config) {
        return of(m, d, config, false);
    }

    /** {@link #of}, a Gaussian head measured by the squared error of its means if meansOnly. */
    public static Result of(Model m, PreparedData d, ScoringConfig config, boolean meansOnly) {
        String problem = incompatibility(m, d);
        if (problem != null) {
            return new Result(Double.POSITIVE_INFINITY, problem);
        }
        try {
            return measure(m, d, config, m.network().isGaussian() && !meansOnly);
        } catch (IllegalArgumentException e) {
            return new Result(Double.POSITIVE_INFINITY, "it cannot be served: " + e.getMessage());
        }
    }

    private static Result measure(Model m, PreparedData d, ScoringConfig config, boolean nll) {
        Normalizer target = d.normalizer();
        double[] sum = {0};
        long[] count = {0};
        String[] refused = {null};
        ServingPass.run(
                m,
                config.withThreshold(1e12),
                d.keys(),
                new ServingPass.Visitor() {
                    @Override
                    public void validation(
                            PreparedKey k, int t, Event e, Prediction p, float[] previous) {
                        sum[0] +=
                                d.categorical()
                                        ? -Math.log(p.probability)
                                        : nll
                                                ? nll(e.getFeatures(), previous, target)
                                                : error(e.getFeatures(), previous, target);
                        count[0]++;
                    }

                    @Override
                    public void refused(PreparedKey k, int t, Event e, RejectReason why) {
                        if (refused[0] == null) {
                            refused[0] =
                                    "it refuses event "
                                            + t
                                            + " of key '"
                                            + k.key()
                                            + "' ("
                                            + why.id()
                                            + ")";
                        }
                    }
                });
        if (refused[0] != null) {
            return new Result(Double.POSITIVE_INFINITY, refused[0]);
        }
        return new Result(sum[0] / count[0], null);
    }

    /** Mean over features of ((forecast − x) / std)². Not modified: inputs. */
    public static double error(float[] x, float[] forecast, Normalizer target) {
        double s = 0;
        for (int f = 0; f < x.length; f++) {
            double scale = target == null ? 1 : target.std()[f];
            double diff = ((double) forecast[f] - x[f]) / scale;
            s += diff * diff;
        }
        return s / x.length;
    }

    /**
     * Mean over features of ½ (ln σ² + ((μ − x) / σ)²), forecast holding μ then σ in feature units,
     * scaled by target's std. Not modified: inputs.
     */
    static double nll(float[] x, float[] forecast, Normalizer target) {
        double s = 0;
        int n = x.length;
        for (int f = 0; f < n; f++) {
            double scale = target == null ? 1 : target.std()[f];
            double sd = forecast[n + f] / scale;
            double diff = ((double) forecast[f] - x[f]) / scale;
            s += 0.5 * (Math.log(sd * sd) + diff * diff / (sd * sd));
        }
        return s / n;
    }

    private static String incompatibility(Model m, PreparedData d) {
        RecurrentNetwork net = m.network();
        if (net.isCategorical() != d.categorical()) {
            return "it takes "
                    + (net.isCategorical() ? "tokens" : "numeric features")
                    + ", the data do not";
        }
        if (!d.categorical() && !m.metadata().calendarInputs().equals(d.calendar())) {
            return "it takes calendar inputs "
                    + m.metadata().calendarInputs().text()
                    + ", the data "
                    + d.calendar().text();
        }
        if (!d.categorical() && net.inputSize() != d.inputWidth()) {
            return "it takes " + net.inputSize() + " features, the data have " + d.inputWidth();
        }
        if (!d.categorical() && net.outputSize() != net.headKind().outputs(d.inputWidth())) {
            return "its output ("
                    + net.outputSize()
                    + " values) does not forecast the "
                    + d.inputWidth()
                    + " features";
        }
        return null;
    }
}
