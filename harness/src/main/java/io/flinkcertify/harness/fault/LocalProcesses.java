package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Instance;

import java.util.Map;

/**
 * A target capability: its instances are OS processes on this machine (signals, /proc and net_cls reach them).
 * The target says what happens after one of them is killed, because that differs: the harness restarts a standalone
 * TaskManager as a supervisor would, YARN and Flink replace a container themselves.
 */
@FunctionalInterface
public interface LocalProcesses {

    /** Called right after {@code victim} was SIGKILLed; returns evidence of what replaces it. */
    Map<String, Object> afterKill(Instance victim);
}
