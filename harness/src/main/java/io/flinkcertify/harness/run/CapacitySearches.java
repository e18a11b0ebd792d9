package io.flinkcertify.harness.run;

import io.flinkcertify.harness.capacity.Turns;
import io.flinkcertify.harness.oracle.Judgement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A certification's capacity searches, a job's searches on all its targets run together, trial by trial in turn.
 * Searched one target after the other, a job's targets were measured minutes apart: k8s-emulated, always searched
 * after yarn-mini, read 0.85x its capacity in one run and 0.65x in the next (efficiency at saturation 0.95x and
 * 0.76x, the second "beyond the noise" of the windows of each side). Whether the target or the minutes between them
 * made that difference, one search after the other cannot tell; in turn, each target's trial is next to the
 * other's, and a drift of the machine falls on both.
 * <p>
 * Each target's search is still its own check: the first of a job's checks to run starts every search of the job
 * (each on a thread of its own, taking {@link Turns}), and each check waits for its own target's judgement. Which
 * targets a job's searches take turns among is what the run will search, known before the first check runs (a
 * rerun of failed checks searches only their targets).
 */
public final class CapacitySearches {

    /** A job's search on one target, its steps taken in that target's turn. */
    @FunctionalInterface
    public interface Search {
        Judgement on(String target, Turns turns) throws Exception;
    }

    private final Map<String, List<String>> targetsByJob;
    private final Map<String, CompletableFuture<Judgement>> judgements = new HashMap<>();

    /** @param targetsByJob per job id, the targets its capacity will be searched on in this run */
    public CapacitySearches(Map<String, List<String>> targetsByJob) {
        this.targetsByJob = Map.copyOf(targetsByJob);
    }

    /** The judgement of the job's search on {@code target}, starting the job's searches on every target if need be. */
    public Judgement judge(String job, String target, Search search) throws Exception {
        CompletableFuture<Judgement> mine;
        synchronized (this) {
            if (!judgements.containsKey(key(job, target))) {
                List<String> together = targetsByJob.getOrDefault(job, List.of());
                List<String> targets = together.contains(target) ? together : List.of(target);
                Turns turns = new Turns(targets);
                for (String t : targets) {
                    judgements.put(key(job, t), start(job, t, search, turns));
                }
            }
            mine = judgements.get(key(job, target));
        }
        try {
            return mine.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static CompletableFuture<Judgement> start(String job, String target, Search search, Turns turns) {
        CompletableFuture<Judgement> judgement = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                judgement.complete(search.on(target, turns));
            } catch (Throwable e) {
                judgement.completeExceptionally(e);
            } finally {
                turns.leave(target); // a search that failed before its first turn must not hold the others up
            }
        }, "capacity search " + job + "@" + target);
        thread.setDaemon(true);
        thread.start();
        return judgement;
    }

    private static String key(String job, String target) {
        return job + "\u0000" + target;
    }
}
