package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults that act on an instance's OS process: SIGKILL and SIGSTOP/SIGCONT. Shared by every target whose instances
 * are processes on this machine (standalone JVMs, YARN containers, emulated pods); what differs per target, such as
 * who replaces a killed process, stays in that target's injector.
 */
public final class ProcessFaults {

    /** The instance a fault aims at: the fault's index among the live instances of its role. */
    public static Instance pick(List<Instance> instances, Fault fault) {
        List<Instance> candidates = instances.stream().filter(i -> i.role() == fault.role() && i.pid() > 0).toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no live " + fault.role() + " process to aim " + fault.describe() + " at; have "
                    + instances);
        }
        return candidates.get(Math.floorMod(fault.instance(), candidates.size()));
    }

    /** SIGKILL, as a crash or the OOM killer would; returns evidence that the process is gone. */
    public static Map<String, Object> kill(Instance victim) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("victim", victim.id());
        evidence.put("victimPid", victim.pid());
        evidence.put("signal", "SIGKILL");
        evidence.put("killedAtMillis", System.currentTimeMillis());
        ProcessHandle.of(victim.pid()).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .exceptionally(e -> p).join();
        });
        evidence.put("victimGone", ProcessHandle.of(victim.pid()).map(p -> !p.isAlive()).orElse(true));
        return evidence;
    }

    /** SIGSTOP now, SIGCONT on revert: a GC-pause-like freeze. */
    public static Injection freeze(Fault fault, Instance victim) {
        Signals.stop(victim.pid());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("victim", victim.id());
        evidence.put("victimPid", victim.pid());
        evidence.put("signal", "SIGSTOP");
        evidence.put("processStateWhileFrozen", Signals.state(victim.pid()));
        return new RevertibleInjection(fault, evidence, () -> {
            try {
                Signals.resume(victim.pid());
                evidence.put("processStateAfterResume", Signals.state(victim.pid()));
            } catch (IllegalStateException e) {
                if (ProcessHandle.of(victim.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw e;
                }
                // Flink may give up on a silent TaskManager and have its pod or container removed while it is frozen
                evidence.put("processStateAfterResume", "gone: the process ended while frozen");
            }
        });
    }

    /**
     * Cuts the fault's instance off from the first live instance of the other Flink role (TaskManager <-> JobManager);
     * not applicable, with the reason, where this machine cannot write the rules.
     */
    public static Injection partition(Fault fault, List<Instance> instances, String targetKind) {
        java.util.Optional<String> unavailable = ProcessPartition.unavailable();
        if (unavailable.isPresent()) {
            throw new NotApplicable(fault.kind(), targetKind, unavailable.get());
        }
        Instance victim = pick(instances, fault);
        Role other = fault.role() == Role.JOBMANAGER ? Role.TASKMANAGER : Role.JOBMANAGER;
        Instance peer = instances.stream().filter(i -> i.role() == other && i.pid() > 0).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live " + other + " process to cut " + victim.id() + " off from"));
        return ProcessPartition.between(fault, victim, peer);
    }

    private ProcessFaults() {}
}
