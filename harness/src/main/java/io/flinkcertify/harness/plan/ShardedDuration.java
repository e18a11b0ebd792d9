package io.flinkcertify.harness.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a batch of {@code jobs} takes when sharded over runners the way {@code --shard I/N} shards it, from
 * per-job costs measured in a real run: job {@code i} (id {@code job-i}) costs the {@code i mod k}-th measured cost,
 * lands in the shard its id hashes to, and a runner's time is its setup plus its jobs one after another. The batch
 * takes as long as its slowest runner, plus the merge. Deterministic: the same inputs give the same table.
 *
 * @param perRunnerMs each runner's total (setup included), shard 1 first
 * @param idealMs     total work over the runners, setup included: what a perfect balance would give
 */
public record ShardedDuration(int jobs, int runners, List<Long> perRunnerMs, long makespanMs, long idealMs) {

    public static ShardedDuration of(List<Long> measuredJobCostsMs, int jobs, int runners, long runnerSetupMs,
                                     long mergeMs) {
        if (measuredJobCostsMs.isEmpty() || measuredJobCostsMs.stream().anyMatch(c -> c == null || c < 0)) {
            throw new IllegalArgumentException("needs at least one measured job cost, none negative: " + measuredJobCostsMs);
        }
        if (jobs < 1 || runners < 1 || runners > Shard.MAX_COUNT) {
            throw new IllegalArgumentException("needs jobs >= 1 and 1 <= runners <= " + Shard.MAX_COUNT);
        }
        long[] sums = new long[runners];
        long total = 0;
        for (int i = 0; i < jobs; i++) {
            long cost = measuredJobCostsMs.get(i % measuredJobCostsMs.size());
            total += cost;
            String id = "job-" + i;
            for (int s = 1; s <= runners; s++) {
                if (new Shard(s, runners).holds(id)) {
                    sums[s - 1] += cost;
                    break;
                }
            }
        }
        List<Long> perRunner = new ArrayList<>();
        long slowest = 0;
        for (long sum : sums) {
            perRunner.add(runnerSetupMs + sum);
            slowest = Math.max(slowest, runnerSetupMs + sum);
        }
        long merge = runners > 1 ? mergeMs : 0;
        return new ShardedDuration(jobs, runners, List.copyOf(perRunner), slowest + merge,
                runnerSetupMs + (total + runners - 1) / runners + merge);
    }

    /** How much longer the slowest runner takes than a perfect balance would (0.05 = 5 %). */
    public double imbalance() {
        return idealMs == 0 ? 0 : (double) makespanMs / idealMs - 1;
    }
}
