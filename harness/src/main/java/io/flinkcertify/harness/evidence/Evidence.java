package io.flinkcertify.harness.evidence;

/**
 * What a check measured, one record type per kind of check. Code that needs a figure (the A/B comparison, the
 * config lint, the summary table) reads it from these typed records; the JSON form in verdict.json and the check
 * files is only ever their serialisation, so a figure a check does not produce cannot be read as a silent 0.
 */
public sealed interface Evidence permits None, Deployment, FirstCheckpoint, Availability, Finish, Recovery, FaultRun,
        SavepointStop, SavepointMove, SavepointMoveCompared, CarriedSettings, OutputUnderFaults, DuplicateKeys, ExactlyOnce, WindowResults, Equivalence, TuningAB, Throughput, PerformanceComparison, SettingsLint,
        KafkaTransactions, SearchedCapacity, Restore {

    /** The few facts that say most, for one cell of the summary table. */
    String headline();

    /** Nothing was measured (a check that failed before it could measure, or skipped). */
    static Evidence none() {
        return None.INSTANCE;
    }
}
