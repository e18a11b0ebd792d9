package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.run.CheckResult;

import java.util.Set;

/**
 * Which component of the health score a check counts towards, by its name and suite. The names are the suites'
 * (integration, fault, migration); a check this table does not know counts towards stability, so a new kind of
 * failure still costs points rather than vanishing from the score.
 */
public final class CheckComponents {

    private static final Set<String> CORRECTNESS = Set.of("exactly-once", "equivalent-output", "no-duplicates",
            "same-output-under-faults", "window-results");
    /**
     * Two fault-free runs of a job differed. That says nothing of the target (correctness would cap the job as if
     * it lost records): it says the certification lacks the job's normalisation, a configuration to declare. The
     * gate holds such a job whatever it scores ({@link HealthScore}).
     */
    static final String DETERMINISM = "determinism";
    private static final Set<String> MIGRATION = Set.of("savepoint-portability");
    private static final Set<String> STABILITY = Set.of("deploy", "first-checkpoint", "availability", "finish", "cancel",
            "stop-with-savepoint");
    /** the integration suite's own fault checks; every other fault-suite check is a fault injection too */
    private static final Set<String> RECOVERY = Set.of("taskmanager-loss", "jobmanager-failover", "recovery");
    /** the performance suite's capacity search (a window where no record flowed is stability's) */
    private static final Set<String> PERFORMANCE = Set.of("capacity");
    /** the performance suite's comparisons of a target with the baseline target ({@code vs-<baseline>}) */
    static final String VERSUS_PREFIX = "vs-";
    /** tuned-vs-default comparisons (the config lint) */
    static final String AB_PREFIX = "ab:";

    private CheckComponents() {}

    public static Component of(CheckResult check) {
        String name = check.name();
        if (CORRECTNESS.contains(name)) {
            return Component.CORRECTNESS;
        }
        if (MIGRATION.contains(name)) {
            return Component.MIGRATION;
        }
        if (name.startsWith(AB_PREFIX) || name.startsWith("lint") || name.startsWith("tuning") || DETERMINISM.equals(name)
                || name.startsWith("settings:")) {
            return Component.CONFIGURATION;
        }
        if ("performance".equals(check.suite()) && (name.startsWith(VERSUS_PREFIX) || PERFORMANCE.contains(name))) {
            return Component.PERFORMANCE;
        }
        if (STABILITY.contains(name)) {
            return Component.STABILITY;
        }
        if (RECOVERY.contains(name) || "fault".equals(check.suite())) {
            return Component.RECOVERY;
        }
        return Component.STABILITY;
    }
}
