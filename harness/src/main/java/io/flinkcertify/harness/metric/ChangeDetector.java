package io.flinkcertify.harness.metric;

import io.flinkcertify.harness.metric.Change.Classification;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether this run's trials of a metric changed against the metric's baseline history.
 * <ul>
 *   <li>Short history (fewer than {@link DetectorSettings#longHistoryRuns()} runs): Mann-Whitney U between this
 *       run's trials and the pooled samples of the latest {@link DetectorSettings#baselineRuns()} runs. commons-math3
 *       gives the two-sided normal-approximation p; it is halved for the direction observed (one-sided test).</li>
 *   <li>Long history: {@link EDivisive} change points over the latest {@link DetectorSettings#window()} samples
 *       (history, then this run); a change point within this run's trials (or half a run before them) makes it a
 *       candidate, and Welch's t-test of this run's trials against the regime before must reach the same p.</li>
 * </ul>
 * Either way a change smaller than {@link DetectorSettings#minEffect(double)} is NOISE, and which side of the
 * direction it lies on makes it a REGRESSION or an IMPROVEMENT.
 */
public final class ChangeDetector {

    public static final String MANN_WHITNEY = "Mann-Whitney U (one-sided)";
    public static final String E_DIVISIVE = "E-divisive means + Welch t-test";

    private final DetectorSettings settings;

    public ChangeDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    public DetectorSettings settings() {
        return settings;
    }

    public Change detect(MetricSamples current, List<BaselineRun> history) {
        return history.size() >= settings.longHistoryRuns()
                ? changePoint(current, history)
                : rankTest(current, history);
    }

    private Change rankTest(MetricSamples current, List<BaselineRun> history) {
        List<Double> now = current.samples().values();
        List<Double> before = new ArrayList<>();
        history.subList(Math.max(0, history.size() - settings.baselineRuns()), history.size())
                .forEach(r -> before.addAll(r.samples()));
        if (before.isEmpty()) {
            return insufficient(current, before, MANN_WHITNEY, "no baseline recorded yet for this metric");
        }
        if (now.size() < settings.minSamplesPerSide() || before.size() < settings.minSamplesPerSide()) {
            return insufficient(current, before, MANN_WHITNEY, String.format(Locale.ROOT,
                    "%d vs %d samples: the test needs at least %d a side", before.size(), now.size(),
                    settings.minSamplesPerSide()));
        }
        double twoSided = new MannWhitneyUTest().mannWhitneyUTest(toArray(before), toArray(now));
        return decide(current, before, now, MANN_WHITNEY, twoSided / 2, settings.alpha());
    }

    private Change changePoint(MetricSamples current, List<BaselineRun> history) {
        List<Double> now = current.samples().values();
        List<Double> series = new ArrayList<>();
        history.forEach(r -> series.addAll(r.samples()));
        series.addAll(now);
        List<Double> recent = series.subList(Math.max(0, series.size() - settings.window()), series.size());
        int firstNow = recent.size() - now.size();
        if (now.size() < 2 || firstNow < 2) {
            return insufficient(current, List.of(), E_DIVISIVE, "this run needs at least 2 trials and the window at "
                    + "least 2 baseline samples for a t-test across the change");
        }
        List<EDivisive.ChangePoint> points = EDivisive.changePoints(toArray(recent), settings.changePointP());
        // where E-divisive puts a change is uncertain by a few samples: one inside this run's trials, or within
        // half a run before them, is this run's; the regime it is compared with starts at the change point before
        int slack = Math.max(1, now.size() / 2);
        int lastBefore = 0;
        boolean atThisRun = false;
        for (EDivisive.ChangePoint p : points) {
            if (p.index() >= firstNow - slack) {
                atThisRun = true;
            } else {
                lastBefore = p.index();
            }
        }
        List<Double> before = recent.subList(lastBefore, firstNow);
        if (!atThisRun) {
            Change c = decide(current, before, now, E_DIVISIVE, null, settings.changePointP());
            return withClass(c, Classification.NOISE, "no change point at this run in the last " + recent.size()
                    + " samples (t-test p <= " + settings.changePointP() + ")");
        }
        // the p-value reported is this run's trials against that regime, so it speaks of this run alone
        double p = new TTest().tTest(toArray(before), toArray(now));
        return decide(current, before, now, E_DIVISIVE, Double.isNaN(p) ? null : p, settings.changePointP());
    }

    private Change decide(MetricSamples current, List<Double> before, List<Double> now, String test, Double p,
                          double threshold) {
        Summary old = Summary.of(before);
        Summary neu = Summary.of(now);
        Metric metric = current.metric();
        double relative = (neu.median() - old.median()) / Math.abs(old.median());
        // the effect is judged on the Hodges-Lehmann shift (median of all pairwise differences), the estimate that
        // goes with the rank test: on few trials it varies less than the difference of the two medians does
        double shift = hodgesLehmann(before, now) / Math.abs(old.median());
        double worsening = metric.direction() == Direction.HIGHER_IS_BETTER ? -shift : shift;
        double minEffect = settings.minEffect(before.size() >= 2 ? before : now);
        Classification classification;
        String reason;
        if (p == null || p >= threshold) {
            classification = Classification.NOISE;
            reason = p == null ? "no test" : String.format(Locale.ROOT, "not significant (p %.3g >= %.3g)", p, threshold);
        } else if (Math.abs(shift) < minEffect) {
            classification = Classification.NOISE;
            reason = String.format(Locale.ROOT, "significant (p %.3g) but the shift %.1f %% is below the minimum "
                    + "effect %.1f %%", p, 100 * Math.abs(shift), 100 * minEffect);
        } else {
            classification = worsening > 0 ? Classification.REGRESSION : Classification.IMPROVEMENT;
            reason = String.format(Locale.ROOT, "%s: shift %.1f %% (Hodges-Lehmann) >= minimum effect %.1f %%, "
                    + "p %.3g < %.3g", worsening > 0 ? "worse" : "better", 100 * Math.abs(shift), 100 * minEffect,
                    p, threshold);
        }
        return new Change(current.job(), current.target(), metric.name(), metric.unit(), old.median(), neu.median(),
                100 * relative, test, before.size(), now.size(), p, neu.medianInterval(), 100 * minEffect,
                classification, reason);
    }

    private Change insufficient(MetricSamples current, List<Double> before, String test, String reason) {
        Metric metric = current.metric();
        Summary neu = current.samples().summary();
        Double old = before.isEmpty() ? null : Summary.of(before).median();
        return new Change(current.job(), current.target(), metric.name(), metric.unit(), old, neu.median(),
                old == null ? null : 100 * (neu.median() - old) / Math.abs(old), test, before.size(), neu.n(), null,
                neu.medianInterval(), null, Classification.INSUFFICIENT_DATA, reason);
    }

    private static Change withClass(Change c, Classification classification, String reason) {
        return new Change(c.job(), c.target(), c.metric(), c.unit(), c.oldMedian(), c.newMedian(), c.relativePercent(),
                c.test(), c.oldN(), c.newN(), c.pValue(), c.newInterval(), c.minEffectPercent(), classification, reason);
    }

    /** The median of every difference now[i] - before[j]: the shift that best moves one sample onto the other. */
    static double hodgesLehmann(List<Double> before, List<Double> now) {
        double[] differences = new double[before.size() * now.size()];
        int k = 0;
        for (double a : now) {
            for (double b : before) {
                differences[k++] = a - b;
            }
        }
        return new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(differences);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
