package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.run.MigrationRehearsal;
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

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

/**
 * The migration questions across targets, for every bounded job with the keyed-sequence output convention:
 * {@code equivalent-output} for each pair of targets, and {@code savepoint-portability} in both directions
 * (migration and rollback). With a single target the pair is two separate clusters of that kind.
 */
@Tag("integration")
@DisplayName("migration")
@ExtendWith(CertifyExtension.class)
public class MigrationSuite {

    @TestFactory
    @DisplayName("cross-target")
    Stream<DynamicNode> crossTarget(CertifyContext ctx) {
        MigrationRehearsal rehearsal = new MigrationRehearsal(ctx.targetOptions(), ctx.settings().out());
        List<DynamicNode> nodes = new ArrayList<>();
        for (Workload w : ctx.batch().jobs()) {
            if (!w.bounded() || !w.checks(OracleKind.EXACTLY_ONCE)) {
                continue; // equivalence needs a bounded input; savepoint continuity needs the sequence convention
            }
            for (List<String> pair : ctx.targetPairs()) {
                String a = pair.get(0);
                String b = pair.get(1);
                CertifyContext.JobOnTarget there = new CertifyContext.JobOnTarget(w, a + "->" + b);
                CertifyContext.JobOnTarget back = new CertifyContext.JobOnTarget(w, b + "->" + a);
                List<DynamicNode> checks = new ArrayList<>();
                checks.add(ctx.check(IntegrationSuite.SUITE, there, "equivalent-output", () -> rehearsal.equivalentOutput(w, a, b)));
                checks.add(ctx.check(IntegrationSuite.SUITE, there, "savepoint-portability", () -> rehearsal.savepointMove(w, a, b)));
                if (!a.equals(b)) {
                    checks.add(ctx.check(IntegrationSuite.SUITE, back, "savepoint-portability", () -> rehearsal.savepointMove(w, b, a)));
                }
                nodes.add(dynamicContainer(w.id() + " @ " + a + " <-> " + b, checks.stream()));
            }
        }
        return nodes.stream();
    }
}
