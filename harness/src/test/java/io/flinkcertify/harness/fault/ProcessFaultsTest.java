package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.target.Instance;
import io.flinkcertify.harness.target.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessFaultsTest {

    private static final Fault FREEZE = Fault.of(FaultKind.FREEZE, Role.TASKMANAGER, Duration.ofSeconds(15));

    @Test
    void aFrozenProcessIsStoppedAndRunsAgainOnRevert() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            Injection freeze = ProcessFaults.freeze(FREEZE, new Instance(Role.TASKMANAGER, "tm", p.pid(), "127.0.0.1"));
            assertEquals("T", freeze.evidence().get("processStateWhileFrozen"));
            freeze.close();
            assertTrue(!"T".equals(freeze.evidence().get("processStateAfterResume")), freeze.evidence().toString());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aProcessRemovedWhileFrozenIsRecordedNotAFailedRevert() throws Exception {
        // Flink gives up on a TaskManager silent past heartbeat.timeout and has its pod or container removed
        Process p = new ProcessBuilder("sleep", "60").start();
        Injection freeze = ProcessFaults.freeze(FREEZE, new Instance(Role.TASKMANAGER, "tm", p.pid(), "127.0.0.1"));
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        freeze.close();
        assertEquals("gone: the process ended while frozen", freeze.evidence().get("processStateAfterResume"));
    }
}
