package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodStatusesTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void onlySucceededAndFailedPodsHaveEnded() {
        assertTrue(PodStatuses.ended(TestPods.withStatus(TestPods.pod("a", Map.of()), "Failed")));
        assertTrue(PodStatuses.ended(TestPods.withStatus(TestPods.pod("a", Map.of()), "Succeeded")));
        assertFalse(PodStatuses.ended(TestPods.withStatus(TestPods.pod("a", Map.of()), "Running")));
        assertFalse(PodStatuses.ended(TestPods.withStatus(TestPods.pod("a", Map.of()), "Pending")));
        assertFalse(PodStatuses.ended(TestPods.pod("a", Map.of()).build()), "a pod without status has not started");
    }

    @Test
    void aWaitingPodIsPendingWithItsContainersReason() {
        PodStatus status = PodStatuses.pending(TestPods.container(), "ErrImageNeverPull", "image x is not present");
        assertEquals("Pending", status.getPhase());
        var container = status.getContainerStatuses().get(0);
        assertEquals("flink-main-container", container.getName());
        assertFalse(container.getReady());
        assertEquals("ErrImageNeverPull", container.getState().getWaiting().getReason());
        assertEquals("image x is not present", container.getState().getWaiting().getMessage());
    }

    @Test
    void aRunningPodIsReadyAtItsAddressWithItsPidAndRestarts() {
        PodStatus status = PodStatuses.running(TestPods.container(), "127.20.0.7", 4242, 2, NOW);
        assertEquals("Running", status.getPhase());
        assertEquals("127.20.0.7", status.getPodIP());
        assertEquals("127.20.0.7", status.getPodIPs().get(0).getIp());
        assertEquals(PodStatuses.NODE_IP, status.getHostIP());
        assertEquals(NOW.toString(), status.getStartTime());
        assertEquals(java.util.List.of("PodScheduled", "Initialized", "ContainersReady", "Ready"),
                status.getConditions().stream().map(PodCondition::getType).toList());
        assertTrue(status.getConditions().stream().allMatch(c -> "True".equals(c.getStatus())));
        var container = status.getContainerStatuses().get(0);
        assertEquals("emulated://4242", container.getContainerID());
        assertEquals(2, container.getRestartCount());
        assertTrue(container.getReady());
        assertEquals(NOW.toString(), container.getState().getRunning().getStartedAt());
    }

    @Test
    void aContainerThatEndsItsPodSucceedsOnExitZeroAndFailsOtherwise() {
        PodStatus succeeded = PodStatuses.terminated(TestPods.container(), 0, NOW);
        assertEquals("Succeeded", succeeded.getPhase());
        assertEquals("Completed", succeeded.getContainerStatuses().get(0).getState().getTerminated().getReason());
        PodStatus failed = PodStatuses.terminated(TestPods.container(), 137, NOW);
        assertEquals("Failed", failed.getPhase());
        var terminated = failed.getContainerStatuses().get(0).getState().getTerminated();
        assertEquals(137, terminated.getExitCode());
        assertEquals("Error", terminated.getReason());
        assertEquals(NOW.toString(), terminated.getFinishedAt());
    }

    @Test
    void aPodTheNodeCannotRunFailsWithoutAContainerStatus() {
        PodStatus status = PodStatuses.failed("CreateContainerError", "IOException: disk full");
        assertEquals("Failed", status.getPhase());
        assertEquals("CreateContainerError", status.getReason());
        assertEquals("IOException: disk full", status.getMessage());
        assertNull(status.getPodIP());
        assertTrue(status.getContainerStatuses() == null || status.getContainerStatuses().isEmpty());
    }
}
