package io.flinkcertify.suite.fault;

import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.plan.PlannedCheck;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tuned-vs-default comparisons the fault suite plans (the lint's questions) and which the tuning suite plans (all). */
class FaultSuitePlanTest {

    private static Workload unbounded(String id, Map<String, String> config) {
        return new Workload(id, Path.of("job.jar"), "Main", List.of("--output", Workload.OUTPUT_PLACEHOLDER), 1, config,
                Set.of(OracleKind.EXACTLY_ONCE, OracleKind.AVAILABILITY), false, Duration.ofSeconds(5),
                DeploymentMode.SESSION, null);
    }

    private static List<String> comparisons(List<PlannedGroup> groups) {
        return groups.stream().filter(g -> g.factory().equals(FaultSuite.TUNED_VS_DEFAULT))
                .flatMap(g -> g.checks().stream()).map(c -> c.target() + " " + c.name()).toList();
    }

    @Test
    void theFaultSuiteComparesOnlyWhatTheLintAsksAboutTheJobsOwnSettings() {
        Batch batch = new Batch("b", Path.of("b.yaml"), List.of(
                unbounded("sound", Map.of()),
                unbounded("short-session", Map.of("high-availability.zookeeper.client.session-timeout", "5000"))));
        List<String> planned = comparisons(FaultSuite.plan(batch, List.of("yarn-mini", "k8s-emulated"), 1, Set.of())
                .groups());
        // a 5 s session cannot outlast the 10 s ZooKeeper suspension: measure what tolerating SUSPENDED does there
        assertEquals(List.of("yarn-mini ab:high-availability.zookeeper.client.tolerate-suspended-connections",
                "k8s-emulated ab:high-availability.zookeeper.client.tolerate-suspended-connections"), planned);
    }

    @Test
    void theKafkaFaultsJoinTheScheduleOfAJobOnTheBrokerOnlyLeavingOtherSchedulesAsTheyWere() {
        Workload plain = unbounded("plain", Map.of());
        Workload onKafka = new Workload("on-kafka", Path.of("job.jar"), "Main",
                List.of("--bootstrap", Workload.KAFKA_BOOTSTRAP_PLACEHOLDER), 1, Map.of(), Set.of(OracleKind.AVAILABILITY),
                false, Duration.ofSeconds(5), DeploymentMode.SESSION, null,
                io.flinkcertify.harness.workload.Normalisation.NONE, Map.of(),
                new io.flinkcertify.harness.workload.KafkaUse(true, List.of(), null));
        List<FaultKind> kafkaKinds = List.of(FaultKind.KAFKA_OUTAGE, FaultKind.KAFKA_LATENCY);
        assertEquals(FaultSuite.schedule(7), FaultSuite.schedule(7, Set.of(), plain),
                "a job without Kafka keeps the schedule its seed gave before the Kafka faults existed");
        assertTrue(FaultSuite.schedule(7, Set.of(), plain).faults().stream().noneMatch(f -> f.kind().onKafka()));
        List<FaultKind> kinds = FaultSuite.schedule(7, Set.of(), onKafka).faults().stream().map(f -> f.kind()).toList();
        assertTrue(kinds.containsAll(kafkaKinds), kinds.toString());
        assertEquals(FaultKind.values().length, kinds.size());
        assertEquals(kafkaKinds, FaultSuite.schedule(7, Set.copyOf(kafkaKinds), onKafka).faults().stream()
                .map(f -> f.kind()).sorted().toList(), "--faults kafka-outage,kafka-latency");
    }

    @Test
    void aJobWritingAKafkaTopicHasItsTransactionTimeoutWeighedAfterTheFaultsWhileItStillWrites() {
        Workload writesKafka = new Workload("writes-kafka", Path.of("job.jar"), "Main",
                List.of("--bootstrap", Workload.KAFKA_BOOTSTRAP_PLACEHOLDER, "--topic", Workload.OUTPUT_TOPIC_PLACEHOLDER),
                1, Map.of(), Set.of(OracleKind.AVAILABILITY), false, Duration.ofSeconds(5), DeploymentMode.SESSION, null,
                io.flinkcertify.harness.workload.Normalisation.NONE, Map.of(),
                new io.flinkcertify.harness.workload.KafkaUse(true, List.of(), "out"));
        Batch batch = new Batch("b", Path.of("b.yaml"), List.of(writesKafka, unbounded("files", Map.of())));
        List<PlannedGroup> groups = FaultSuite.plan(batch, List.of("yarn-mini"), 1, Set.of()).groups();
        List<String> kafkaJob = groups.stream().filter(g -> g.job().id().equals("writes-kafka") && "yarn-mini".equals(g.target()))
                .flatMap(g -> g.checks().stream()).map(PlannedCheck::name).toList();
        int lint = kafkaJob.indexOf("lint:kafka-transactions");
        assertTrue(lint > kafkaJob.indexOf("kafka-outage") && lint > kafkaJob.indexOf("jobmanager-kill"), kafkaJob.toString());
        assertEquals(kafkaJob.indexOf("cancel") - 1, lint, kafkaJob.toString());
        assertTrue(groups.stream().filter(g -> g.job().id().equals("files")).flatMap(g -> g.checks().stream())
                .noneMatch(c -> c.name().equals("lint:kafka-transactions")), "a job writing files has no transactions");
    }

    @Test
    void theTuningSuiteComparesEverySettingAndReportsUnderItsOwnName() {
        Batch batch = new Batch("b", Path.of("b.yaml"), List.of(unbounded("sound", Map.of())));
        List<PlannedGroup> groups = TuningSuite.plan(batch, List.of("yarn-mini"), 1, Set.of(), null).groups();
        assertEquals(FaultSuite.TUNINGS.size(), comparisons(groups).size());
        assertEquals(Set.of(TuningSuite.SUITE), Set.copyOf(groups.stream().flatMap(g -> g.checks().stream())
                .map(PlannedCheck::suite).toList()));
        assertEquals(List.of(), TuningSuite.plan(batch, List.of("yarn-mini"), 1, Set.of(), Set.of()).groups(),
                "--tunings none");
    }
}
