package io.flinkcertify.performance.resources;

import io.flinkcertify.harness.probe.ProcessTreeCpu;
import io.flinkcertify.harness.targets.Role;

import java.util.ArrayList;
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

    /**
     * From the samples of one {@link ProcessTreeCpu} per instance of the role (a YARN container's launcher shell
     * and JVM, or a pod's processes, count together as the instance). The first sample of each probe has no
     * interval and so no cores figure.
     */
    public static ResourceUsage of(Role role, Given given, List<List<ProcessTreeCpu.Sample>> samplesPerInstance) {
        List<Double> cores = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        long peak = 0;
        for (List<ProcessTreeCpu.Sample> instance : samplesPerInstance) {
            for (ProcessTreeCpu.Sample s : instance) {
                if (!Double.isNaN(s.coresUsed())) {
                    cores.add(s.coresUsed());
                }
                rss.add(s.rssBytes());
                peak = Math.max(peak, s.peakRssBytes());
            }
        }
        return new ResourceUsage(role, given, cores, rss, peak);
    }
}
