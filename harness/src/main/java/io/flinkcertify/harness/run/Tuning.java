package io.flinkcertify.harness.run;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.workload.Workload;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A setting production teams tune when they move to Kubernetes, the fault that shows what it is for, and the two
 * values to compare under that fault: the job's own (or Flink's default) against the other.
 *
 * @param flinkDefault the value Flink uses when the job does not set the key
 * @param alternative  the value the comparison flips to when the job runs with the default
 */
public record Tuning(String setting, String flinkDefault, String alternative, Fault fault, String purpose,
                     Map<String, String> companions, Set<String> targets) {

    public Tuning {
        companions = Map.copyOf(companions);
        targets = Set.copyOf(targets);
    }

    /** A single setting that matters on every target. */
    public Tuning(String setting, String flinkDefault, String alternative, Fault fault, String purpose) {
        this(setting, flinkDefault, alternative, fault, purpose, Map.of(), Set.of());
    }

    /** Settings that must change with the alternative for it to be valid (a shorter lease needs a shorter renew deadline). */
    public Tuning withCompanions(Map<String, String> settings) {
        return new Tuning(setting, flinkDefault, alternative, fault, purpose, settings, targets);
    }

    /** The target kinds where the setting takes effect (ZooKeeper HA settings do nothing under Kubernetes HA). */
    public Tuning onlyOn(Set<String> kinds) {
        return new Tuning(setting, flinkDefault, alternative, fault, purpose, companions, kinds);
    }

    public boolean appliesTo(String targetKind) {
        return targets.isEmpty() || targets.contains(targetKind);
    }

    /** The workload configured with {@code value} (and the companions, when it is the alternative). */
    public Workload configure(Workload workload, String value) {
        Workload configured = workload.withFlinkSetting(setting, value);
        if (value.equals(alternative)) {
            for (Map.Entry<String, String> e : new TreeMap<>(companions).entrySet()) {
                // the job's own choice of a companion stands: the comparison is about the one setting
                if (!workload.flinkConfig().containsKey(e.getKey())) {
                    configured = configured.withFlinkSetting(e.getKey(), e.getValue());
                }
            }
        }
        return configured;
    }

    /** The value the job runs with, and the one the other side of the comparison uses. */
    public String[] sides(Map<String, String> jobConfig) {
        String job = jobConfig.getOrDefault(setting, flinkDefault);
        String other = job.equals(alternative) ? flinkDefault : alternative;
        return new String[] {job, other};
    }
}
