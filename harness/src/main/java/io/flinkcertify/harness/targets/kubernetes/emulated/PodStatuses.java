package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Instant;
import java.util.List;

/**
 * The pod statuses the node writes, one per phase a pod goes through (Pending, Running, Succeeded, Failed), shaped
 * as a real kubelet writes them: Flink's client and the harness read the phase, podIP, readiness conditions and the
 * container state (waiting reason, exit code, restarts), so each must be there.
 */
final class PodStatuses {

    static final String NODE_IP = "127.0.0.1";

    /** Failed and Succeeded are final: the node does not run such a pod again, a controller replaces it. */
    static boolean ended(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    /** Pending, its container waiting for {@code reason} (an image, a config map, a back-off). */
    static PodStatus pending(Container container, String reason, String message) {
        return new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withReady(false).withRestartCount(0)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                        .build())
                .build();
    }

    /** Failed before a container ran: the node cannot run this pod at all. */
    static PodStatus failed(String reason, String message) {
        return new PodStatusBuilder().withPhase("Failed").withReason(reason).withMessage(message).build();
    }

    /** Running and ready at {@code ip}; the container id carries the pid so a running pod can be traced to it. */
    static PodStatus running(Container container, String ip, long pid, int restarts, Instant now) {
        String at = now.toString();
        List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
                .map(t -> new PodConditionBuilder().withType(t).withStatus("True").withLastTransitionTime(at).build())
                .toList();
        return new PodStatusBuilder().withPhase("Running").withPodIP(ip).withPodIPs(new PodIP(ip))
                .withHostIP(NODE_IP).withStartTime(at).withConditions(conditions)
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withContainerID("emulated://" + pid).withReady(true)
                        .withStarted(true).withRestartCount(restarts)
                        .withNewState().withNewRunning().withStartedAt(at).endRunning().endState().build())
                .build();
    }

    /** Succeeded (exit 0) or Failed, after a container its restart policy does not restart. */
    static PodStatus terminated(Container container, int exit, Instant now) {
        return new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withReady(false)
                        .withNewState().withNewTerminated().withExitCode(exit).withReason(exit == 0 ? "Completed" : "Error")
                        .withFinishedAt(now.toString()).endTerminated().endState().build())
                .build();
    }

    private PodStatuses() {}
}
