package io.flinkcertify.harness.workload;

import java.nio.file.Path;
import java.util.List;

/** A validated batch: the jobs that move together, from one manifest. */
public record Batch(String name, Path manifest, List<Workload> jobs) {
    public Batch {
        jobs = List.copyOf(jobs);
    }
}
