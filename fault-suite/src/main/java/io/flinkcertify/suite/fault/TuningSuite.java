package io.flinkcertify.suite.fault;

import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.junit.CertifyExtension;
import io.flinkcertify.harness.plan.SuitePlan;
import io.flinkcertify.harness.workload.Batch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tuning ({@code --suites tuning}): every tuned-vs-default comparison of the catalogue, per unbounded job and target,
 * each side on a fresh cluster under the fault that shows what the setting is for. The fault suite runs only those
 * the config lint asks for (a finding on the job's own value); this suite measures all of them, for a platform team
 * deciding its Kubernetes defaults.
 */
@Tag("tuning")
@DisplayName("tuning")
@ExtendWith(CertifyExtension.class)
public class TuningSuite {

    public static final String SUITE = "tuning";

    /** Every comparison of the chosen faults ({@code --faults}) and settings ({@code --tunings}: null for all). */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, Set<FaultKind> chosen, Set<String> tunings) {
        return plan(batch, targets, seed, chosen, tunings, io.flinkcertify.harness.run.RunSettings.DEFAULT_TUNING_TRIALS);
    }

    /** As {@link #plan(Batch, List, long, Set, Set)}, with {@code tuningTrials} runs a side per comparison. */
    public static SuitePlan plan(Batch batch, List<String> targets, long seed, Set<FaultKind> chosen, Set<String> tunings,
                                 int tuningTrials) {
        return new SuitePlan(SUITE, FaultSuite.comparisons(SUITE, batch, targets, seed, chosen, tunings, tuningTrials,
                (w, t) -> true));
    }

    @TestFactory
    @DisplayName(FaultSuite.TUNED_VS_DEFAULT)
    Stream<DynamicNode> tunings(CertifyContext ctx) {
        return ctx.tests(plan(ctx.batch(), ctx.targets(), ctx.settings().seed(), ctx.settings().faults(),
                ctx.settings().tunings(), ctx.settings().tuningTrials()).of(FaultSuite.TUNED_VS_DEFAULT));
    }
}
