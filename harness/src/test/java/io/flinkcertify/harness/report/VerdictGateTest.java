package io.flinkcertify.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.gate.Gate;
import io.flinkcertify.harness.gate.Policy;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verdict.json with the gate: each jobs[] entry carries its assessment, and the gate can fail the batch. */
class VerdictGateTest {

    private static CheckResult check(String job, String name, CheckStatus status) {
        return new CheckResult(job, "integration", "yarn-mini", name, status, status == CheckStatus.PASSED ? null : "lost 3 records",
                Map.of(), null, null, 5, null);
    }

    private static Verdict judged(List<CheckResult> results) {
        List<String> jobs = List.of("good", "lossy");
        Verdict plain = Verdict.of("b", jobs, results, "1.20.1", 1, "run-1");
        Gate.Outcome gate = new Gate(Policy.defaults(), Optional.empty(), false)
                .judge(jobs, results, List.of(), List.of(), "run-1", Instant.EPOCH);
        return plain.withGate(gate.jobs(), gate.batch().reasons());
    }

    @Test
    void eachJobEntryHasItsChecksAndItsAssessmentInline() {
        Verdict v = judged(List.of(check("good", "exactly-once", CheckStatus.PASSED), check("lossy", "exactly-once", CheckStatus.PASSED)));
        assertTrue(v.passed());
        JsonNode job = new ObjectMapper().valueToTree(v).path("jobs").get(0);
        assertEquals("good", job.path("id").asText());
        assertEquals("good", job.path("job").asText());
        assertEquals(10.0, job.path("score").asDouble());
        assertEquals("MIGRATE", job.path("advice").asText());
        assertTrue(job.path("checks").isArray() && job.path("components").isArray() && job.has("nextAction"));
    }

    @Test
    void aJobThatFailsExactlyOnceIsRolledBackAndTheBatchFailsNamingIt() {
        Verdict v = judged(List.of(check("good", "exactly-once", CheckStatus.PASSED), check("lossy", "exactly-once", CheckStatus.FAILED)));
        assertFalse(v.passed());
        assertTrue(v.reasons().stream().anyMatch(r -> r.equals("gate: roll back lossy")), v.reasons().toString());
        JsonNode lossy = new ObjectMapper().valueToTree(v).path("jobs").get(1);
        assertEquals("ROLLBACK", lossy.path("advice").asText());
        assertTrue(lossy.path("score").asDouble() <= 3);
    }

    @Test
    void withoutTheGateTheShapeIsUnchanged() {
        JsonNode job = new ObjectMapper().valueToTree(Verdict.of("b", List.of("good"),
                List.of(check("good", "exactly-once", CheckStatus.PASSED)), "1.20.1", 1, "r")).path("jobs").get(0);
        List<String> fields = new java.util.ArrayList<>();
        job.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "checks"), fields);
    }
}
