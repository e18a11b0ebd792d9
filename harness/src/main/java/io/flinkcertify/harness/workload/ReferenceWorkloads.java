package io.flinkcertify.harness.workload;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reference workloads shipped in fixtures, by name. */
public final class ReferenceWorkloads {

    public static final String KEYED_SEQUENCE = "keyed-sequence";
    public static final String KEYED_SEQUENCE_MAIN = "io.flinkcertify.fixtures.KeyedSequenceJob";

    /** Arguments used when a manifest names the workload but gives none. */
    /** The reference workloads' argument for their source rate, records/s (what a capacity search varies). */
    public static final String RATE_ARGUMENT = "--rate";

    public static final List<String> KEYED_SEQUENCE_DEFAULT_ARGS = List.of(
            "--keys", "8", "--records", "40000", "--rate", "4000", "--checkpoint-interval-ms", "2000");

    public static Set<String> names() {
        return Set.of(KEYED_SEQUENCE);
    }

    public static Map<String, String> entryClasses() {
        return Map.of(KEYED_SEQUENCE, KEYED_SEQUENCE_MAIN);
    }

    private ReferenceWorkloads() {}
}
