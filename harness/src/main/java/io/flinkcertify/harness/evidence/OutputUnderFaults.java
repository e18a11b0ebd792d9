package io.flinkcertify.harness.evidence;

import java.util.List;

/**
 * A bounded job run to the end through faults, its committed output compared, as a multiset after its declared
 * normalisation, with its fault-free run on the same target.
 *
 * @param injected      the faults that landed, each with whether the job recovered inside the grace period
 * @param notApplicable the faults the target cannot do, with the reason
 */
public record OutputUnderFaults(String target, List<String> injected, List<String> notApplicable,
                                Equivalence comparison) implements Evidence {

    public OutputUnderFaults {
        injected = List.copyOf(injected);
        notApplicable = List.copyOf(notApplicable);
    }

    @Override
    public String headline() {
        return injected.size() + " fault(s) landed; " + comparison.headline();
    }
}
