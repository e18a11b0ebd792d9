package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.plan.CheckAction;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.plan.SuitePlan;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The migration questions across targets, for every bounded job whose committed output the harness can read:
 * {@code equivalent-output} for each pair of targets, and {@code savepoint-portability} in both directions
 * (migration and rollback). With a single target the pair is two separate clusters of that kind. A job with the
 * keyed-sequence convention is judged by its sequences; any other job differentially: first {@code determinism}
 * (two fault-free runs must agree, or nothing can be judged by comparing runs), then its outputs compared as
 * multisets with its own uninterrupted run.
 */
@Tag("integration")
@DisplayName("migration")
@ExtendWith(CertifyExtension.class)
public class MigrationSuite {

    public static final String CROSS_TARGET = "cross-target";

    /** Every check of the suite, in run order; its checks are reported under the integration suite. */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed) {
        List<PlannedGroup> groups = new ArrayList<>();
        for (Workload w : batch.jobs()) {
            boolean sequences = w.bounded() && w.checks(OracleKind.EXACTLY_ONCE);
            if (!sequences && !w.judgedByDifference()) {
                continue; // equivalence needs a bounded input, and an output the harness can read
            }
            boolean first = true;
            for (List<String> pair : pairs(targets)) {
                String a = pair.get(0);
                String b = pair.get(1);
                List<PlannedCheck> checks = new ArrayList<>();
                if (!sequences && first) {
                    checks.add(PlannedCheck.on(IntegrationSuite.SUITE, w, a, "determinism",
                            new CheckAction.Determinism(a)));
                }
                first = false;
                checks.add(across(w, a, b, "equivalent-output", new CheckAction.EquivalentOutput(a, b)));
                checks.add(across(w, a, b, "savepoint-portability", move(sequences, a, b)));
                if (!a.equals(b)) {
                    checks.add(across(w, b, a, "savepoint-portability", move(sequences, b, a)));
                }
                groups.add(new PlannedGroup(CROSS_TARGET, w.id() + " @ " + a + " <-> " + b, w, null, false, checks));
            }
        }
        return new SuitePlan(IntegrationSuite.SUITE, groups);
    }

    private static CheckAction move(boolean sequences, String from, String to) {
        return sequences ? new CheckAction.SavepointMove(from, to) : new CheckAction.SavepointMoveCompared(from, to);
    }

    /** A check from {@code a} to {@code b}: reported on the target "a->b", and needing both kinds to run. */
    private static PlannedCheck across(Workload w, String a, String b, String name, CheckAction action) {
        return new PlannedCheck(IntegrationSuite.SUITE, w, a + "->" + b, List.of(a, b).stream().distinct().toList(),
                name, action, null);
    }

    /** Unordered pairs of the targets; with one target, that target with itself (two separate clusters). */
    static List<List<String>> pairs(List<String> kinds) {
        List<List<String>> pairs = new ArrayList<>();
        if (kinds.size() == 1) {
            pairs.add(List.of(kinds.get(0), kinds.get(0)));
        }
        for (int i = 0; i < kinds.size(); i++) {
            for (int j = i + 1; j < kinds.size(); j++) {
                pairs.add(List.of(kinds.get(i), kinds.get(j)));
            }
        }
        return pairs;
    }

    @TestFactory
    @DisplayName(CROSS_TARGET)
    Stream<DynamicNode> crossTarget(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed()).of(CROSS_TARGET));
    }
}
