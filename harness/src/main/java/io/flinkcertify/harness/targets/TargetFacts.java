package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.process.ProcessStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured facts a target collects while it starts and deploys, and the description of its instances as they
 * are when evidence is taken (the instances change with every fault, the collected facts do not).
 */
public final class TargetFacts {

    private final Map<String, Object> facts = new LinkedHashMap<>();

    public void put(String key, Object value) {
        facts.put(key, value);
    }

    public void putAll(Map<String, ?> more) {
        facts.putAll(more);
    }

    /** A copy of the facts so far, open for the caller to add what it measures now. */
    public Map<String, Object> snapshot() {
        return new LinkedHashMap<>(facts);
    }

    /** {@link #snapshot()} with {@code instances} described (pid, address, resources) under {@code key}. */
    public Map<String, Object> withInstances(String key, List<Instance> instances) {
        Map<String, Object> copy = snapshot();
        copy.put(key, instances.stream().map(ProcessStats::describe).toList());
        return copy;
    }
}
