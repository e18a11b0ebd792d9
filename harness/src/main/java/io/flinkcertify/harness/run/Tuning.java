package io.flinkcertify.harness.run;

import io.flinkcertify.harness.fault.Fault;

/**
 * A setting production teams tune when they move to Kubernetes, the fault that shows what it is for, and the two
 * values to compare under that fault: the job's own (or Flink's default) against the other.
 *
 * @param flinkDefault the value Flink uses when the job does not set the key
 * @param alternative  the value the comparison flips to when the job runs with the default
 */
public record Tuning(String setting, String flinkDefault, String alternative, Fault fault, String purpose) {

    /** The value the job runs with, and the one the other side of the comparison uses. */
    public String[] sides(java.util.Map<String, String> jobConfig) {
        String job = jobConfig.getOrDefault(setting, flinkDefault);
        String other = job.equals(alternative) ? flinkDefault : alternative;
        return new String[] {job, other};
    }
}
