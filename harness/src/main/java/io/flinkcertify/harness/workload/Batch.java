package io.flinkcertify.harness.workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A validated batch: the jobs that move together, from one manifest.
 *
 * @param zookeeperTick the tick of yarn-mini's ZooKeeper for this batch (its {@code zookeeper.tickTimeMs}); null for
 *                      the production default the targets use
 */
public record Batch(String name, Path manifest, List<Workload> jobs, Duration zookeeperTick) {
    public Batch {
        jobs = List.copyOf(jobs);
    }

    public Batch(String name, Path manifest, List<Workload> jobs) {
        this(name, manifest, jobs, null);
    }
}
