package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.workload.Workload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check a suite will run: of which job, in which suite, on which target (or "a->b" for a move between two),
 * under which name, doing what, judged by which oracle.
 *
 * @param kinds      the target kinds the check needs running (one, or both sides of a cross-target check)
 * @param skipReason why the check is SKIPPED, when that is known before anything starts (null otherwise)
 */
public record PlannedCheck(String suite, Workload job, String target, List<String> kinds, String name,
                           CheckAction action, String skipReason) {

    public PlannedCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        kinds = List.copyOf(kinds);
    }

    public static PlannedCheck on(String suite, Workload job, String target, String name, CheckAction action) {
        return new PlannedCheck(suite, job, target, List.of(target), name, action, null);
    }

    public PlannedCheck skippedBecause(String reason) {
        return new PlannedCheck(suite, job, target, kinds, name, action, reason);
    }

    public Optional<String> skipped() {
        return Optional.ofNullable(skipReason);
    }

    public String oracle() {
        return action.oracle();
    }
}
