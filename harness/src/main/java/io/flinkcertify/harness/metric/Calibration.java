package io.flinkcertify.harness.metric;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well the change detector tells a 10 % throughput drop from noise, by seeded simulation: each simulation
 * draws a baseline history and this run's trials from a normal distribution whose standard deviation is
 * {@code cv x mean}, once with this run 10 % slower and once unchanged, and counts how often the detector says
 * REGRESSION. Same seed, same figures.
 *
 * <p>Run it: {@code bin/certify calibrate [--trials N] [--cv X] [--seed S]}, or without the CLI
 * {@code java -cp harness/target/classes:<commons-math3 jar> io.flinkcertify.harness.metric.Calibration --trials 5}.
 */
public final class Calibration {

    /** Until the performance suite reports the spread measured on this machine, the default noise. */
    public static final double DEFAULT_CV = 0.05;
    public static final int DEFAULT_TRIALS = 5;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_SIMULATIONS = 1000;
    public static final double DROP = 0.10;
    static final double MEAN = 10_000;
    static final double GOAL_DETECTION = 0.95;
    static final double GOAL_FALSE_ALARMS = 0.05;

    /**
     * @param historyRuns baseline runs simulated before this one (below the long-history threshold: Mann-Whitney;
     *                    at or above: E-divisive)
     */
    public record Setup(int trials, double cv, long seed, int simulations, int historyRuns) {}

    /** @param detection share of simulated 10 % drops flagged REGRESSION; {@code falseAlarms} of unchanged runs */
    public record Figures(Setup setup, String test, double detection, double falseAlarms) {

        public boolean meetsGoal() {
            return detection >= GOAL_DETECTION && falseAlarms <= GOAL_FALSE_ALARMS;
        }

        public String line() {
            return String.format(Locale.ROOT, "trials %2d, %2d baseline runs, CV %.1f %%: detection of a 10 %% drop "
                            + "%5.1f %%, false alarms %4.1f %% (%s, %d simulations each, seed %d)%s",
                    setup.trials, setup.historyRuns, 100 * setup.cv, 100 * detection, 100 * falseAlarms, test,
                    setup.simulations, setup.seed, meetsGoal() ? "" : "  [below the goal]");
        }
    }

    private final ChangeDetector detector;

    public Calibration(ChangeDetector detector) {
        this.detector = detector;
    }

    public Figures run(Setup setup) {
        RandomGenerator random = new Well19937c(setup.seed);
        int detected = 0;
        int falseAlarms = 0;
        String test = null;
        for (int i = 0; i < setup.simulations; i++) {
            List<BaselineRun> history = history(random, setup);
            Change drop = detector.detect(current(random, setup, MEAN * (1 - DROP)), history);
            Change same = detector.detect(current(random, setup, MEAN), history);
            detected += drop.isRegression() ? 1 : 0;
            falseAlarms += same.isRegression() ? 1 : 0;
            test = drop.test();
        }
        return new Figures(setup, test, (double) detected / setup.simulations, (double) falseAlarms / setup.simulations);
    }

    private static List<BaselineRun> history(RandomGenerator random, Setup setup) {
        List<BaselineRun> runs = new ArrayList<>();
        for (int r = 0; r < setup.historyRuns; r++) {
            runs.add(new BaselineRun("sim-" + r, "2026-01-01T00:00:00Z", "sim", "sim", draw(random, setup, MEAN)));
        }
        return runs;
    }

    private static MetricSamples current(RandomGenerator random, Setup setup, double mean) {
        return new MetricSamples("sim", "sim", "sim", "sim", "sim",
                new Samples(Metric.THROUGHPUT_PER_CORE, draw(random, setup, mean)));
    }

    private static List<Double> draw(RandomGenerator random, Setup setup, double mean) {
        List<Double> values = new ArrayList<>();
        for (int t = 0; t < setup.trials; t++) {
            values.add(mean * (1 + setup.cv * random.nextGaussian()));
        }
        return values;
    }

    /** The report {@code bin/certify calibrate} prints: the default trials in both modes, then what it takes. */
    public List<String> report(int trials, double cv, long seed, int simulations) {
        DetectorSettings s = detector.settings();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "calibration: 10 %% throughput drop vs no change, noise CV %.1f %%, "
                        + "minimum effect max(%.0f %%, %.1f x robust CV), alpha %.2g, pooling the last %d baseline runs",
                100 * cv, 100 * s.minEffectFloor(), s.cvScale(), s.alpha(), s.baselineRuns()));
        Figures shortHistory = run(new Setup(trials, cv, seed, simulations, s.baselineRuns()));
        Figures longHistory = run(new Setup(trials, cv, seed, simulations, s.longHistoryRuns()));
        lines.add("short history: " + shortHistory.line());
        lines.add("long history:  " + longHistory.line());
        lines.add(enough(shortHistory, s.baselineRuns(), "short history"));
        lines.add(enough(longHistory, s.longHistoryRuns(), "long history"));
        return lines;
    }

    /** The fewest trials a side (2 to 20) that reach the goal with this history, or that none do. */
    private String enough(Figures atDefault, int historyRuns, String mode) {
        Setup d = atDefault.setup();
        for (int n = 2; n <= 20; n++) {
            Figures f = n == d.trials() ? atDefault : run(new Setup(n, d.cv(), d.seed(), d.simulations(), historyRuns));
            if (f.meetsGoal()) {
                return String.format(Locale.ROOT, "%s: the goal (>= 95 %% detection, <= 5 %% false alarms) is first "
                        + "reached with %d trials per run (%.1f %% / %.1f %%)%s", mode, n, 100 * f.detection(),
                        100 * f.falseAlarms(), n <= d.trials() ? ": the default suffices" : "");
            }
        }
        return mode + ": the goal (>= 95 % detection, <= 5 % false alarms) is not reached with up to 20 trials per run "
                + "at this CV";
    }

    public static void main(String[] args) {
        int trials = DEFAULT_TRIALS;
        double cv = DEFAULT_CV;
        long seed = DEFAULT_SEED;
        int simulations = DEFAULT_SIMULATIONS;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            try {
                switch (args[i]) {
                    case "--trials" -> trials = Integer.parseInt(value);
                    case "--cv" -> cv = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--simulations" -> simulations = Integer.parseInt(value);
                    default -> throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                System.err.println("calibrate: " + args[i] + " " + value + " is not understood; fix: use --trials N "
                        + "--cv X (a fraction, e.g. 0.05) --seed S --simulations N");
                System.exit(2);
            }
            i++;
        }
        new Calibration(new ChangeDetector(DetectorSettings.DEFAULTS)).report(trials, cv, seed, simulations)
                .forEach(System.out::println);
    }
}
