package io.flinkcertify.harness.metric;

import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Change points in a series by E-divisive means (Matteson and James 2014, energy statistic with exponent 1) with a
 * Student's t-test as the significance test in place of E-divisive's permutation test, the scheme Apache Otava
 * (ex-Hunter) uses: split a segment where the energy statistic is largest; keep the split when Welch's t-test
 * between the two sides gives p <= {@code maxP} and look for more change points on each side, otherwise the segment
 * has none. Written from the paper and Otava's documentation; deterministic (no permutations), so a seeded run
 * replays.
 */
public final class EDivisive {

    /** @param index the first sample after the change; {@code pValue} Welch's two-sided t-test across it */
    public record ChangePoint(int index, double pValue) {}

    private static final int MIN_SEGMENT = 3;

    private EDivisive() {}

    public static List<ChangePoint> changePoints(double[] series, double maxP) {
        List<ChangePoint> found = new ArrayList<>();
        split(series, 0, series.length, maxP, found);
        found.sort(java.util.Comparator.comparingInt(ChangePoint::index));
        return found;
    }

    private static void split(double[] x, int from, int to, double maxP, List<ChangePoint> into) {
        if (to - from < 2 * MIN_SEGMENT) {
            return;
        }
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int tau = from + MIN_SEGMENT; tau <= to - MIN_SEGMENT; tau++) {
            double q = energy(x, from, tau, to);
            if (q > bestQ) {
                bestQ = q;
                best = tau;
            }
        }
        double p = pValue(new TTest(), Arrays.copyOfRange(x, from, best), Arrays.copyOfRange(x, best, to));
        if (p > maxP) {
            return;
        }
        into.add(new ChangePoint(best, p));
        split(x, from, best, maxP, into);
        split(x, best, to, maxP, into);
    }

    /** Q(tau) = m n / (m + n) * (2 mean|X - Y| - mean|X - X'| - mean|Y - Y'|), X = x[from, tau), Y = x[tau, to). */
    static double energy(double[] x, int from, int tau, int to) {
        int m = tau - from;
        int n = to - tau;
        double between = 0;
        for (int i = from; i < tau; i++) {
            for (int j = tau; j < to; j++) {
                between += Math.abs(x[i] - x[j]);
            }
        }
        double e = 2 * between / ((double) m * n) - within(x, from, tau) - within(x, tau, to);
        return (double) m * n / (m + n) * e;
    }

    private static double within(double[] x, int from, int to) {
        int k = to - from;
        double sum = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                sum += Math.abs(x[i] - x[j]);
            }
        }
        return sum / (k * (k - 1) / 2.0);
    }

    /** Two constant sides (no variance) are different for sure when their means differ, the same otherwise. */
    private static double pValue(TTest t, double[] left, double[] right) {
        double p = t.tTest(left, right);
        if (Double.isNaN(p)) {
            return Arrays.stream(left).average().orElse(0) == Arrays.stream(right).average().orElse(0) ? 1 : 0;
        }
        return p;
    }
}
