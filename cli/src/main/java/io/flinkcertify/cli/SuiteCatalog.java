package io.flinkcertify.cli;

import io.flinkcertify.harness.plan.SuitePlanner;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.performance.PerformanceSuite;
import io.flinkcertify.suite.fault.FaultSuite;
import io.flinkcertify.suite.fault.TuningSuite;
import io.flinkcertify.suite.integration.IntegrationSuite;
import io.flinkcertify.suite.integration.MigrationSuite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suites this build ships, by the names users give with --suites. */
final class SuiteCatalog {

    static final List<String> PLANNED = List.of("integration", "fault", "performance", "regression");
    static final String REGRESSION = "regression";
    private static final Map<String, List<Class<?>>> AVAILABLE = new LinkedHashMap<>();
    private static final Map<Class<?>, SuitePlanner> PLANNERS = Map.of(
            IntegrationSuite.class, (batch, targets, settings) -> IntegrationSuite.plan(batch, targets, settings.seed(),
                    settings.faultSuiteRuns()),
            MigrationSuite.class, (batch, targets, settings) -> MigrationSuite.plan(batch, targets, settings.seed()),
            FaultSuite.class, (batch, targets, settings) -> FaultSuite.plan(batch, targets, settings.seed(), settings.faults(), settings.tunings(),
                    settings.tuningTrials(), settings.integrationSuiteRuns()),
            TuningSuite.class, (batch, targets, settings) -> TuningSuite.plan(batch, targets, settings.seed(),
                    settings.faults(), settings.tunings(), settings.tuningTrials()),
            PerformanceSuite.class, (batch, targets, settings) -> PerformanceSuite.plan(batch, targets,
                    settings.performanceTrials(), settings.capacityTrials(), settings.performanceSuiteRuns(),
                    settings.seed()));
    /** What runs without --suites: correctness and resilience; performance is asked for (it takes minutes per job). */
    private static final List<String> DEFAULTS = List.of(IntegrationSuite.SUITE, FaultSuite.SUITE);

    static {
        AVAILABLE.put(IntegrationSuite.SUITE, List.of(IntegrationSuite.class, MigrationSuite.class));
        AVAILABLE.put(FaultSuite.SUITE, List.of(FaultSuite.class));
        AVAILABLE.put(TuningSuite.SUITE, List.of(TuningSuite.class));
        AVAILABLE.put(PerformanceSuite.SUITE, List.of(PerformanceSuite.class));
        // what the baseline comparison needs: the performance trials (their figures are the compared metrics)
        AVAILABLE.put(REGRESSION, List.of(PerformanceSuite.class));
    }

    /** The defaults plus the regression suite: what runs when a baseline is given and no --suites. */
    static List<String> withRegression() {
        return java.util.stream.Stream.concat(DEFAULTS.stream(), java.util.stream.Stream.of(REGRESSION)).toList();
    }

    static List<String> available() {
        return List.copyOf(AVAILABLE.keySet());
    }

    static List<String> defaults() {
        return DEFAULTS;
    }

    /** The suite classes that make up a suite. */
    static List<Class<?>> suiteClasses(String name) {
        List<Class<?>> c = AVAILABLE.get(name);
        if (c != null) {
            return c;
        }
        if (PLANNED.contains(name)) {
            throw new BadInput("--suites", "suite '" + name + "' is not in this build yet",
                    "use one of " + String.join(",", available()));
        }
        throw new BadInput("--suites", "unknown suite '" + name + "'", "use one of " + String.join(",", available()));
    }

    /** The plan function of a suite class: what its test factories will run. */
    static SuitePlanner planner(Class<?> suite) {
        SuitePlanner planner = PLANNERS.get(suite);
        if (planner == null) {
            throw new IllegalStateException(suite.getName() + " has no plan in the catalogue");
        }
        return planner;
    }

    private SuiteCatalog() {}
}
