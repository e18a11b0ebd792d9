package io.flinkcertify.harness.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Every check of one suite for one batch, targets and seed, in run order: computed by a pure function of the
 * suite, read both by its test factories (which run it) and by the dry run (which prints it), so the two cannot
 * tell different stories.
 */
public record SuitePlan(String suite, List<PlannedGroup> groups) {

    public SuitePlan {
        groups = List.copyOf(groups);
    }

    /** The groups one test factory runs. */
    public List<PlannedGroup> of(String factory) {
        return groups.stream().filter(g -> g.factory().equals(factory)).toList();
    }

    public List<PlannedCheck> checks() {
        List<PlannedCheck> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.checks()));
        return all;
    }
}
