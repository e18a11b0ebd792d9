package io.flinkcertify.harness.evidence;

import java.util.List;

/**
 * The job's own settings read against the faults it is certified to survive, without running anything: each finding
 * names the setting, its value (or Flink's default), what it is compared with, and why it matters.
 */
public record SettingsLint(List<Finding> findings) implements Evidence {

    public enum Severity { FRAGILE, NOTE }

    /**
     * @param value    the job's value, or Flink's default when the job sets none
     * @param against  what the value was compared with (a fault of the schedule, another setting)
     */
    public record Finding(String setting, String value, Severity severity, String against, String finding) {}

    public SettingsLint {
        findings = List.copyOf(findings);
    }

    public List<Finding> fragile() {
        return findings.stream().filter(f -> f.severity() == Severity.FRAGILE).toList();
    }

    @Override
    public String headline() {
        return "fragile=" + fragile().size() + " notes=" + (findings.size() - fragile().size());
    }
}
