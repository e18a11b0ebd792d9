package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.metric.Change;
import io.flinkcertify.harness.metric.Interval;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthScoreTest {

    private final HealthScore health = new HealthScore(Policy.defaults());

    private static CheckResult check(String suite, String target, String name, CheckStatus status) {
        return new CheckResult("wordcount", suite, target, name, status, status == CheckStatus.PASSED ? null : name + " went wrong",
                Map.of(), null, null, 10, null);
    }

    /** A reference job's checks on yarn-mini and k8s-emulated, all passed. */
    private static List<CheckResult> healthy() {
        List<CheckResult> checks = new ArrayList<>();
        for (String t : List.of("yarn-mini", "k8s-emulated")) {
            for (String n : List.of("deploy", "first-checkpoint", "availability", "taskmanager-loss", "finish", "exactly-once")) {
                checks.add(check("integration", t, n, CheckStatus.PASSED));
            }
            checks.add(check("fault", t, "freeze", CheckStatus.PASSED));
        }
        checks.add(check("integration", "yarn-mini->k8s-emulated", "equivalent-output", CheckStatus.PASSED));
        checks.add(check("integration", "yarn-mini->k8s-emulated", "savepoint-portability", CheckStatus.PASSED));
        checks.add(check("integration", "k8s-emulated->yarn-mini", "savepoint-portability", CheckStatus.PASSED));
        return checks;
    }

    private static List<CheckResult> replace(List<CheckResult> checks, String target, String name, CheckStatus status) {
        return checks.stream().map(c -> c.target().equals(target) && c.name().equals(name) ? check(c.suite(), target, name, status) : c).toList();
    }

    private static ComponentScore component(JobAssessment a, Component c) {
        return a.components().stream().filter(s -> s.name() == c).findFirst().orElseThrow();
    }

    @Test
    void aHealthyJobScoresTenAndMayMigrateWithRollbackVerified() {
        JobAssessment a = health.assess("wordcount", healthy(), List.of(), List.of());
        assertEquals(10.0, a.score());
        assertEquals(Advice.MIGRATE, a.advice());
        assertTrue(a.nextAction().contains("the Kubernetes -> YARN savepoint restore is verified"), a.nextAction());
        assertTrue(a.nextAction().contains("rolling back is safe"), a.nextAction());
        assertNull(component(a, Component.PERFORMANCE).score(), "nothing measured: not scored");
        assertEquals(List.of("integration/equivalent-output @ yarn-mini->k8s-emulated: PASSED",
                        "integration/exactly-once @ yarn-mini: PASSED", "integration/exactly-once @ k8s-emulated: PASSED")
                        .stream().sorted().toList(),
                component(a, Component.CORRECTNESS).measurements().stream().sorted().toList());
    }

    @Test
    void aFailedPerformanceComparisonCostsThePerformanceComponent() {
        List<CheckResult> checks = new ArrayList<>(healthy());
        checks.add(check("performance", "k8s-emulated", "vs-yarn-mini", CheckStatus.FAILED));
        JobAssessment a = health.assess("wordcount", checks, List.of(), List.of());
        assertEquals(0.0, component(a, Component.PERFORMANCE).score(), "the comparison decides it when no changes are given");
        assertTrue(a.score() < 10.0, "a job worse on Kubernetes is not a clean 10: " + a.score());
    }

    @Test
    void anExactlyOnceFailureCapsAtThreeAndMeansRollback() {
        JobAssessment a = health.assess("wordcount", replace(healthy(), "k8s-emulated", "exactly-once", CheckStatus.FAILED),
                List.of(), List.of());
        assertTrue(a.score() <= 3, "score " + a.score());
        assertEquals(Advice.ROLLBACK, a.advice());
        ComponentScore correctness = component(a, Component.CORRECTNESS);
        assertEquals(10 - 10 / 3.0, correctness.score(), 0.01);
        assertEquals(1, correctness.deductions().size());
        assertEquals("integration/exactly-once @ k8s-emulated", correctness.deductions().get(0).source());
        assertTrue(a.reasons().stream().anyMatch(r -> r.startsWith("capped at 3: correctness failed")), a.reasons().toString());
        assertTrue(a.reasons().stream().anyMatch(r -> r.contains("exactly-once failed on k8s-emulated")), a.reasons().toString());
    }

    @Test
    void theWeightedAverageLeavesOutWhatWasNotMeasured() {
        // one recovery failure of two fault checks: recovery 5; everything else measured is 10
        List<CheckResult> checks = replace(healthy(), "k8s-emulated", "freeze", CheckStatus.FAILED);
        checks = replace(checks, "k8s-emulated", "taskmanager-loss", CheckStatus.FAILED);
        JobAssessment a = health.assess("wordcount", checks, List.of(), List.of());
        assertEquals(5.0, component(a, Component.RECOVERY).score());
        Policy p = Policy.defaults();
        double measured = p.weight(Component.CORRECTNESS) + p.weight(Component.RECOVERY) + p.weight(Component.STABILITY)
                + p.weight(Component.MIGRATION);
        double expected = (measured * 10 - p.weight(Component.RECOVERY) * 5) / measured;
        assertEquals(Math.round(expected * 10) / 10.0, a.score());
        assertEquals(Advice.MIGRATE, a.advice(), a.score() + " " + a.reasons());
    }

    @Test
    void aFailedRollbackRehearsalIsSaidAndLowScoresHoldOrRollBack() {
        List<CheckResult> checks = replace(healthy(), "k8s-emulated->yarn-mini", "savepoint-portability", CheckStatus.FAILED);
        for (String n : List.of("deploy", "first-checkpoint", "availability", "finish")) {
            checks = replace(checks, "k8s-emulated", n, CheckStatus.FAILED);
        }
        JobAssessment a = health.assess("wordcount", checks, List.of(), List.of());
        assertTrue(a.nextAction().contains("rollback not verified"), a.nextAction());
        assertTrue(a.advice() == Advice.HOLD || a.advice() == Advice.ROLLBACK, a.advice() + " " + a.score());
        assertTrue(a.score() < 8);
    }

    @Test
    void withoutARehearsalRollbackIsNotVerified() {
        List<CheckResult> checks = healthy().stream().filter(c -> !c.name().equals("savepoint-portability")).toList();
        assertTrue(health.assess("wordcount", checks, List.of(), List.of()).nextAction().contains("no Kubernetes -> YARN"));
    }

    @Test
    void aRegressionCostsItsShareOfTheRegressionComponent() {
        Change slower = new Change("wordcount", "k8s-emulated", "throughput-per-core", "records/s/core", 1000.0, 900.0,
                -10.0, "Mann-Whitney U (one-sided)", 15, 5, 0.004, new Interval(880, 920, 0.94, "median"), 4.0,
                Change.Classification.REGRESSION, "worse");
        Change same = new Change("wordcount", "k8s-emulated", "launch-ms", "ms", 1000.0, 1010.0, 1.0, "x", 15, 5, 0.4, null,
                4.0, Change.Classification.NOISE, "not significant");
        Change other = new Change("other-job", "k8s-emulated", "launch-ms", "ms", 1000.0, 2000.0, 100.0, "x", 15, 5, 0.001,
                null, 4.0, Change.Classification.REGRESSION, "worse");
        JobAssessment a = health.assess("wordcount", healthy(), List.of(slower, same, other), List.of());
        ComponentScore regression = component(a, Component.REGRESSION);
        assertEquals(5.0, regression.score());
        assertTrue(regression.deductions().get(0).reason().contains("1000 -> 900.0"), regression.deductions().toString());
        assertTrue(a.score() < 10);
    }

    @Test
    void nothingMeasuredIsHoldWithoutAScore() {
        JobAssessment a = health.assess("wordcount", List.of(check("integration", "yarn-mini", "deploy", CheckStatus.SKIPPED)),
                List.of(), List.of());
        assertNull(a.score());
        assertEquals(Advice.HOLD, a.advice());
    }

    @Test
    void environmentFailuresAreNotTheJobs() {
        List<CheckResult> checks = new ArrayList<>(healthy());
        checks.add(new CheckResult("wordcount", "integration", "k3s", "deploy", CheckStatus.FAILED, "no Docker", Map.of(), null, null, 1, true));
        assertEquals(10.0, health.assess("wordcount", checks, List.of(), List.of()).score());
    }

    @Test
    void theBatchFailsOnRollbackAndNamesTheJobAndOnHoldOnlyWhenThePolicySays() {
        JobAssessment ok = new JobAssessment("a", 9.0, Advice.MIGRATE, List.of("score 9"), "migrate", List.of(), null);
        JobAssessment hold = new JobAssessment("b", 6.0, Advice.HOLD, List.of("score 6"), "fix", List.of(), null);
        JobAssessment back = new JobAssessment("c", 2.0, Advice.ROLLBACK, List.of("score 2"), "roll back", List.of(), null);
        Policy lenient = Policy.defaults();
        assertTrue(!BatchGate.decide(List.of(ok, hold), lenient).fails());
        BatchGate gate = BatchGate.decide(List.of(ok, hold, back), lenient);
        assertTrue(gate.fails());
        assertEquals(List.of("c"), gate.rollback());
        assertTrue(gate.reasons().get(0).contains("roll back c"), gate.reasons().toString());
        Policy strict = new Policy(lenient.weights(), lenient.caps(), lenient.advice(), true);
        assertEquals(List.of("b"), BatchGate.decide(List.of(ok, hold), strict).hold());
        assertTrue(BatchGate.decide(List.of(ok, hold), strict).fails());
    }

    @Test
    void theAssessmentSerialisesInTheShapeTheReportReads() {
        JobAssessment a = health.assess("wordcount", replace(healthy(), "k8s-emulated", "exactly-once", CheckStatus.FAILED),
                List.of(), List.of());
        JsonNode json = new ObjectMapper().valueToTree(a);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("job", "score", "advice", "reasons", "nextAction", "components"), fields);
        JsonNode correctness = json.path("components").get(0);
        assertEquals("correctness", correctness.path("name").asText());
        assertEquals("ROLLBACK", json.path("advice").asText());
        assertTrue(correctness.path("deductions").get(0).has("points"));
        assertTrue(correctness.path("measurements").isArray());

        com.networknt.schema.Schema schema;
        try (java.io.InputStream in = getClass().getResourceAsStream("/flink-certify/job-assessment.schema.json")) {
            schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new ObjectMapper().readTree(in));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(schema.validate(json).isEmpty(), schema.validate(json).toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("advice", "PANIC");
        assertTrue(!schema.validate(json).isEmpty(), "the schema is not vacuous");
    }

    @Test
    void aJobWhoseOwnRunsDifferIsHeldNotMigratedAndNotCappedAsIfItLostRecords() {
        List<CheckResult> checks = new ArrayList<>(healthy().stream()
                .filter(c -> !c.name().equals("equivalent-output") && !c.name().equals("savepoint-portability")).toList());
        checks.add(check("integration", "yarn-mini", "determinism", CheckStatus.FAILED));
        checks.add(check("integration", "yarn-mini->k8s-emulated", "equivalent-output", CheckStatus.SKIPPED));
        JobAssessment a = health.assess("wordcount", checks, List.of(), List.of());
        assertEquals(Advice.HOLD, a.advice(), a.reasons().toString());
        assertTrue(a.score() > 3, "not capped like a correctness failure: " + a.score());
        assertTrue(a.reasons().get(0).contains("held: its output could not be judged (determinism went wrong)"),
                a.reasons().toString());
        assertEquals(Component.CONFIGURATION, CheckComponents.of(checks.get(checks.size() - 2)));
    }
}
