package io.flinkcertify.harness.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * Theodolite-style search for the highest offered rate a job sustains at fixed resources. Coarse steps (x2 up or
 * down from the job's own rate) bracket the capacity, a geometric bisection narrows the bracket to one 1.25x step,
 * and the answer is only given with its proof: a sustained trial at the capacity and a failed trial at exactly
 * 1.25x it. If noise makes the 1.25x step pass after all, the search moves up and tries again, within the budget.
 *
 * <p>Every trial is a fresh deployment, so trials are what a search costs. {@link #searchBelowCeiling} spends one
 * on the job's ceiling first (Nexmark's way: the source offered the maximum rate shows what the job can do at
 * all), then starts just under it in 1.25x steps: typically three trials instead of eight or more from a guess.
 */
public final class CapacitySearch {

    public static final double STEP = 1.25;
    private static final double COARSE = 2.0;

    private final SustainCriteria criteria;
    private final double minRate;
    private final double maxRate;
    private final int maxTrials;

    public CapacitySearch(SustainCriteria criteria, double minRate, double maxRate, int maxTrials) {
        if (!(minRate > 0 && maxRate >= minRate)) {
            throw new IllegalArgumentException("capacity search needs 0 < minimum rate <= maximum rate, got " + minRate + " and " + maxRate);
        }
        if (maxTrials < 2) {
            throw new IllegalArgumentException("capacity search needs at least 2 trials (a sustained rate and its failed 1.25x step), got " + maxTrials);
        }
        this.criteria = criteria;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.maxTrials = maxTrials;
    }

    /** Searches from {@code startRate}, bracketing in x2 steps. */
    public Capacity search(double startRate, SustainTrial sustain) {
        return search(startRate, COARSE, new Run(sustain));
    }

    /**
     * Offers the maximum rate first; what the source achieved there is the job's ceiling, and the search starts at
     * {@value #BELOW_CEILING} of it, bracketing in 1.25x steps (the ceiling trial itself is evidence too).
     */
    public Capacity searchBelowCeiling(SustainTrial sustain) {
        Run run = new Run(sustain);
        Capacity.JudgedTrial ceiling = run.trial(maxRate);
        if (ceiling.sustained()) {
            return new Capacity.SustainedAtMaximum(maxRate, run.trials());
        }
        return search(ceiling.trial().achievedRate() * BELOW_CEILING, STEP, run);
    }

    /** Where under the ceiling the search starts: near enough that one step up fails, far enough to be kept. */
    static final double BELOW_CEILING = 0.85;

    private Capacity search(double startRate, double coarse, Run run) {
        double start = Math.min(maxRate, Math.max(minRate, startRate));
        Capacity.JudgedTrial sustained;
        Capacity.JudgedTrial failed;
        Capacity.JudgedTrial first = run.trial(start);
        if (first == null) {
            return run.inconclusive();
        }
        if (first.sustained()) {
            sustained = first;
            failed = null;
            while (failed == null) {
                if (sustained.trial().offeredRate() >= maxRate) {
                    return new Capacity.SustainedAtMaximum(maxRate, run.trials());
                }
                Capacity.JudgedTrial next = run.trial(Math.min(maxRate, sustained.trial().offeredRate() * coarse));
                if (next == null) {
                    return run.inconclusive();
                }
                if (next.sustained()) {
                    sustained = next;
                } else {
                    failed = next;
                }
            }
        } else {
            failed = first;
            sustained = null;
            while (sustained == null) {
                if (failed.trial().offeredRate() <= minRate) {
                    return new Capacity.NotSustainedAtMinimum(minRate, run.trials());
                }
                Capacity.JudgedTrial next = run.trial(Math.max(minRate, failed.trial().offeredRate() / coarse));
                if (next == null) {
                    return run.inconclusive();
                }
                if (next.sustained()) {
                    sustained = next;
                } else {
                    failed = next;
                }
            }
        }
        // bisect in log space until one 1.25x step separates the bracket
        while (failed.trial().offeredRate() > whole(sustained.trial().offeredRate() * STEP)) {
            Capacity.JudgedTrial mid = run.trial(Math.sqrt(sustained.trial().offeredRate() * failed.trial().offeredRate()));
            if (mid == null) {
                return run.inconclusive();
            }
            if (mid.sustained()) {
                sustained = mid;
            } else {
                failed = mid;
            }
        }
        // the proof: a failed trial at exactly 1.25x the capacity
        while (true) {
            double above = whole(sustained.trial().offeredRate() * STEP);
            if (above > maxRate) {
                return new Capacity.SustainedAtMaximum(sustained.trial().offeredRate(), run.trials());
            }
            Capacity.JudgedTrial step = isStepAbove(failed.trial().offeredRate(), sustained.trial().offeredRate())
                    ? failed : run.trial(above);
            if (step == null) {
                return run.inconclusive();
            }
            if (!step.sustained()) {
                return new Capacity.Found(sustained.trial().offeredRate(), sustained, step, run.trials());
            }
            sustained = step; // noise: the step above a failed rate held; climb from here
        }
    }

    /**
     * Whether {@code failed} is the 1.25x step above {@code sustained}, up to the rounding of both to whole records/s:
     * a rate reached going down (51,312 / 1.25 = 41,050) steps back up to 51,313, and asking for that one record/s
     * again cost a whole trial.
     */
    public static boolean isStepAbove(double failed, double sustained) {
        return Math.abs(failed - whole(sustained * STEP)) <= 1;
    }

    /** Rates are offered in whole records per second: a job's rate argument is rarely fractional. */
    public static double whole(double rate) {
        return Math.max(1, Math.round(rate));
    }

    /** The trials of one search, within the budget. */
    private final class Run {
        private final SustainTrial sustain;
        private final List<Capacity.JudgedTrial> trials = new ArrayList<>();

        Run(SustainTrial sustain) {
            this.sustain = sustain;
        }

        /** Null once the budget is spent. */
        Capacity.JudgedTrial trial(double rate) {
            if (trials.size() >= maxTrials) {
                return null;
            }
            RateTrial t = sustain.run(whole(rate));
            String why = criteria.whyNotSustained(t).orElse(null);
            Capacity.JudgedTrial judged = new Capacity.JudgedTrial(t, why == null, why);
            trials.add(judged);
            return judged;
        }

        List<Capacity.JudgedTrial> trials() {
            return List.copyOf(trials);
        }

        Capacity inconclusive() {
            return new Capacity.Inconclusive("no sustained rate with a failed 1.25x step within " + maxTrials + " trials", trials());
        }
    }
}
