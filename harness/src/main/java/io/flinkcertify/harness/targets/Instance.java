package io.flinkcertify.harness.targets;

/**
 * One running piece of a target that faults can aim at: a process (standalone, YARN container) or a pod.
 *
 * @param id      stable name within the target (e.g. {@code taskmanager-2}, a pod name, a container id)
 * @param pid     OS process id, or -1 where the harness has none (a pod on a real cluster)
 * @param address the host/IP the instance binds to
 */
public record Instance(Role role, String id, long pid, String address) {}
