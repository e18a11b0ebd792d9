package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisRulesTest {

    private static CheckResult failed(String name, String reason) {
        return new CheckResult("wordcount", "fault", "yarn-mini", name, CheckStatus.FAILED, reason, Map.of(), null, null, 1, null);
    }

    @Test
    void aZooKeeperLossIsLostLeadershipCitingTheLines() {
        List<String> log = List.of(
                "2026-01-01 10:00:00 INFO  JobMaster - Checkpoint 4 completed",
                "2026-01-01 10:00:05 WARN  ConnectionStateManager - State change: SUSPENDED",
                "2026-01-01 10:00:15 ERROR ConnectionStateManager - State change: LOST",
                "2026-01-01 10:00:15 INFO  DefaultLeaderElectionService - JobMaster revoked leadership");
        Diagnosis d = DiagnosisRules.diagnose(failed("zookeeper-suspension", "not RUNNING within the 60 s grace"), log);
        assertEquals("lost-leadership", d.causes().get(0).rule());
        assertEquals(3, d.causes().get(0).evidence().size());
        assertTrue(d.causes().get(0).evidence().get(0).contains("SUSPENDED"));
        assertTrue(d.summary().startsWith("probable cause: the JobManager lost leadership"), d.summary());
        assertEquals("fault/zookeeper-suspension @ yarn-mini", d.check());
    }

    @Test
    void aKafkaBrokerOutageIsNamedFromTheClientsErrors() {
        List<String> log = List.of(
                "2026-01-01 10:00:00 INFO  JobMaster - Checkpoint 4 completed",
                "org.apache.flink.connector.kafka.sink.FlinkKafkaInternalProducer - Failed to send data to Kafka: "
                        + "org.apache.kafka.common.errors.TimeoutException: Expiring 12 record(s)");
        Diagnosis d = DiagnosisRules.diagnose(failed("kafka-outage", "not RUNNING within the 60 s grace"), log);
        assertEquals("kafka", d.causes().get(0).rule());
        assertTrue(d.causes().get(0).evidence().get(0).contains("TimeoutException"), d.causes().toString());
        assertTrue(DiagnosisRules.diagnose(failed("kafka-outage", "not RUNNING"), List.of("Checkpoint 4 completed"))
                .causes().isEmpty(), "no Kafka error, no Kafka cause");
    }

    @Test
    void aRestartLoopNamesTheFirstException() {
        List<String> log = List.of(
                "Job wordcount switched from state RUNNING to RESTARTING.",
                "java.lang.IllegalStateException: boom in the map function",
                "Job wordcount switched from state RUNNING to RESTARTING.",
                "java.lang.IllegalStateException: boom in the map function",
                "Job wordcount switched from state RUNNING to RESTARTING.");
        Diagnosis d = DiagnosisRules.diagnose(failed("availability", "restarted 3 times"), log);
        Diagnosis.Cause loop = d.causes().get(0);
        assertEquals("restart-loop", loop.rule());
        assertTrue(loop.evidence().get(1).contains("first exception: java.lang.IllegalStateException: boom"), loop.evidence().toString());
    }

    @Test
    void anOutOfMemoryTaskManagerAndAnExpiredCheckpointAreBothCited() {
        List<String> log = List.of("Checkpoint 7 of job abc expired before completing.",
                "TaskManager container_01 lost: java.lang.OutOfMemoryError: Java heap space");
        Diagnosis d = DiagnosisRules.diagnose(failed("exactly-once", "2 records missing"), log);
        List<String> rules = d.causes().stream().map(Diagnosis.Cause::rule).toList();
        assertTrue(rules.contains("taskmanager-lost") && rules.contains("checkpoint-expired-or-declined"), rules.toString());
    }

    @Test
    void theCheckReasonAloneCanMatch() {
        Diagnosis d = DiagnosisRules.diagnose(failed("api-server-latency", "deploy failed: Code: 409 object has been modified"), List.of());
        assertEquals("api-server", d.causes().get(0).rule());
        assertTrue(d.causes().get(0).evidence().get(0).startsWith("check: "));
    }

    @Test
    void nothingMatchedIsSaidAsSuchAndSecretsAreMasked() {
        Diagnosis d = DiagnosisRules.diagnose(failed("finish", "did not finish"), List.of("all quiet", "token ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
        assertTrue(d.causes().isEmpty());
        assertTrue(d.summary().startsWith(Diagnosis.NO_RULE_MATCHED), d.summary());
        Diagnosis masked = DiagnosisRules.diagnose(failed("finish", "x"), List.of(
                "Checkpoint 1 expired before completing, header Authorization: Bearer s3cr3tT0kenValue"));
        assertTrue(!masked.causes().get(0).evidence().get(0).contains("s3cr3tT0ken"), masked.toString());
        assertThrows(IllegalArgumentException.class, () -> DiagnosisRules.diagnose(
                new CheckResult("j", "s", "t", "n", CheckStatus.PASSED, null, Map.of(), null, null, 1, null), List.of()));
    }
}
