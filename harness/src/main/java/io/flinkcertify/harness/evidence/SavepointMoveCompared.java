package io.flinkcertify.harness.evidence;

/**
 * A job without the keyed-sequence convention stopped with a savepoint on one target and restored on another into
 * the same output; the whole output compared, as a multiset after the job's declared normalisation, with the job's
 * uninterrupted fault-free run on the first target. A state that did not move changes what the job writes after
 * the restore, so it shows as records only on one side.
 */
public record SavepointMoveCompared(String from, String savepoint, long sourceRecordsBeforeStop, long stopMs, String to,
                                    long restoreToRunningMs, Equivalence comparison) implements Evidence {

    @Override
    public String headline() {
        return comparison.headline() + " restoreToRunningMs=" + restoreToRunningMs;
    }
}
