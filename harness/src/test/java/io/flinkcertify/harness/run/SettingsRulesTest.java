package io.flinkcertify.harness.run;

import io.flinkcertify.harness.evidence.SettingsLint;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsRulesTest {

    private static final List<Fault> SCHEDULE = List.of(
            Fault.of(FaultKind.ZOOKEEPER_SUSPENSION, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.FREEZE, Role.TASKMANAGER, Duration.ofSeconds(5)));

    @Test
    void aSessionTimeoutShorterThanTheSuspensionIsAFindingNamingTheSetting() {
        Judgement j = SettingsRules.judge(Map.of("high-availability.zookeeper.client.session-timeout", "5 s"), SCHEDULE);
        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("high-availability.zookeeper.client.session-timeout=5 s against a 10 s ZooKeeper suspension"),
                j.reason());
        SettingsLint.Finding f = j.evidence(SettingsLint.class).fragile().get(0);
        assertEquals("5 s", f.value());
    }

    @Test
    void aZooKeeperWithAShortTickCapsFlinksDefaultSessionAtTheSuspensionAndTheFindingSaysWhy() {
        // tick 500 ms: 20 ticks = 10 s, Flink's 60 s default negotiated down to the 10 s suspension
        Judgement j = SettingsRules.judge(Map.of(), SCHEDULE, Duration.ofMillis(500));
        assertFalse(j.passed());
        SettingsLint.Finding f = j.evidence(SettingsLint.class).fragile().get(0);
        assertEquals("60 s (Flink's default) (ZooKeeper grants at most 20 ticks: 10 s with its tick of 500 ms)", f.value());
        assertTrue(f.finding().endsWith("and run ZooKeeper with a tick that allows it"), f.finding());
        assertTrue(SettingsRules.judge(Map.of(), SCHEDULE, Duration.ofMillis(2000)).passed(), "40 s outlasts 10 s");
    }

    @Test
    void flinksDefaultsSurviveTheCatalogue() {
        Judgement j = SettingsRules.judge(Map.of(), SCHEDULE);
        assertTrue(j.passed(), j.reason());
        assertTrue(j.evidence(SettingsLint.class).findings().isEmpty());
    }

    @Test
    void aHeartbeatShorterThanAFreezeIsANoteNotAFailureAndMillisecondsReadAsFlinkReadsThem() {
        Judgement j = SettingsRules.judge(Map.of("heartbeat.timeout", "4000"), SCHEDULE);
        assertTrue(j.passed(), "a restart after a long pause is Flink doing its job: " + j.reason());
        assertEquals(SettingsLint.Severity.NOTE, j.evidence(SettingsLint.class).findings().get(0).severity());
        assertTrue(SettingsRules.judge(Map.of("heartbeat.timeout", "20000"), SCHEDULE).evidence(SettingsLint.class)
                .findings().isEmpty(), "20000 is 20 s, longer than the 5 s freeze");
    }

    @Test
    void aRenewDeadlineLongerThanTheLeaseIsFragile() {
        Judgement j = SettingsRules.judge(Map.of("high-availability.kubernetes.leader-election.lease-duration", "5 s",
                "high-availability.kubernetes.leader-election.renew-deadline", "10 s"), SCHEDULE);
        assertFalse(j.passed());
        assertTrue(j.reason().contains("renew-deadline=10 s"), j.reason());
    }
}
