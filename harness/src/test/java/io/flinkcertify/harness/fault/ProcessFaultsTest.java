package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;
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
            // signals are delivered asynchronously: the state is awaited, not read once
            assertTrue(stateWithin(p.pid(), "T"), "stopped while frozen");
            freeze.close();
            assertTrue(stateWithin(p.pid(), "S"), "running (sleeping) again after revert");
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

    private static boolean stateWithin(long pid, String state) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (state.equals(Signals.state(pid))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
