package io.flinkcertify.performance.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * Theodolite-style search for the highest offered rate a job sustains at fixed resources. Coarse steps (x2 up or
 * down from the job's own rate) bracket the capacity, a geometric bisection narrows the bracket to one 1.25x step,
 * and the answer is only given with its proof: a sustained trial at the capacity and a failed trial at exactly
 * 1.25x it. If noise makes the 1.25x step pass after all, the search moves up and tries again, within the budget.
 */
public final class CapacitySearch {

    static final double STEP = 1.25;
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

    public Capacity search(double startRate, SustainTrial sustain) {
        Run run = new Run(sustain);
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
                Capacity.JudgedTrial next = run.trial(Math.min(maxRate, sustained.trial().offeredRate() * COARSE));
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
                Capacity.JudgedTrial next = run.trial(Math.max(minRate, failed.trial().offeredRate() / COARSE));
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
        while (failed.trial().offeredRate() > sustained.trial().offeredRate() * STEP * (1 + 1e-9)) {
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
            double above = sustained.trial().offeredRate() * STEP;
            if (above > maxRate) {
                return new Capacity.SustainedAtMaximum(sustained.trial().offeredRate(), run.trials());
            }
            Capacity.JudgedTrial step = Math.abs(failed.trial().offeredRate() - above) <= above * 1e-9 ? failed : run.trial(above);
            if (step == null) {
                return run.inconclusive();
            }
            if (!step.sustained()) {
                return new Capacity.Found(sustained.trial().offeredRate(), sustained, step, run.trials());
            }
            sustained = step; // noise: the step above a failed rate held; climb from here
        }
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
            RateTrial t = sustain.run(rate);
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
