package io.flinkcertify.performance.resources;

import io.flinkcertify.harness.targets.Role;

import java.util.List;

/**
 * What one role of a job's cluster was given and what its processes used: CPU cores per process per sampling
 * interval and RSS per process per sample (ProcessTreeCpu's samples, one probe per JobManager or TaskManager),
 * plus each process's peak RSS (VmHWM) so a spike between samples is not missed.
 */
public record ResourceUsage(Role role, Given given, List<Double> coresPerProcess, List<Long> rssBytesPerProcess,
                            long peakRssBytes) {

    /** What the role's every process was configured with: CPU cores and Flink's total process memory. */
    public record Given(double cpuCores, long processMemoryBytes) {}

    public ResourceUsage {
        if (coresPerProcess.isEmpty() || rssBytesPerProcess.isEmpty()) {
            throw new IllegalArgumentException("no CPU or memory samples for the " + role.name().toLowerCase()
                    + ": run the job long enough for the probe to sample it (several intervals)");
        }
        coresPerProcess = List.copyOf(coresPerProcess);
        rssBytesPerProcess = List.copyOf(rssBytesPerProcess);
    }
}
