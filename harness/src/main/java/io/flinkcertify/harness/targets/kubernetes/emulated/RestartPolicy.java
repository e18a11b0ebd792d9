package io.flinkcertify.harness.targets.kubernetes.emulated;

/**
 * A pod's restart policy and the kubelet's crash-loop back-off: whether an exited container ends its pod or is
 * restarted in it, and how long the node waits before restarting a container that keeps crashing.
 */
enum RestartPolicy {
    ALWAYS, ON_FAILURE, NEVER;

    private static final long FIRST_BACK_OFF_MS = 10_000;
    private static final long MAX_BACK_OFF_MS = 300_000;

    /** As the pod spec spells it; absent (or anything the API server would have rejected) means Always. */
    static RestartPolicy of(String spec) {
        if ("Never".equals(spec)) {
            return NEVER;
        }
        return "OnFailure".equals(spec) ? ON_FAILURE : ALWAYS;
    }

    /** Whether a container that exited with {@code exit} ends its pod (Succeeded or Failed) instead of restarting. */
    boolean ends(int exit) {
        return this == NEVER || (this == ON_FAILURE && exit == 0);
    }

    /**
     * How long to wait before the next restart of a container restarted {@code restarts} times so far: none for
     * the first, then 10 s doubling up to 5 min, as the kubelet backs off a crash-looping container.
     */
    static long backOffMillis(int restarts) {
        return restarts == 0 ? 0 : Math.min(MAX_BACK_OFF_MS, FIRST_BACK_OFF_MS << Math.min(5, restarts - 1));
    }
}
