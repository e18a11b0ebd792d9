package io.flinkcertify.harness.workload;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reference workloads shipped in fixtures, by name. */
public final class ReferenceWorkloads {

    public static final String KEYED_SEQUENCE = "keyed-sequence";
    public static final String KEYED_SEQUENCE_MAIN = "io.flinkcertify.fixtures.KeyedSequenceJob";
    /** KafkaSource -> keyed state -> KafkaSink with EXACTLY_ONCE delivery (transactions), keyed-sequence records. */
    public static final String KAFKA_EXACTLY_ONCE = "kafka-exactly-once";
    public static final String KAFKA_EXACTLY_ONCE_MAIN = "io.flinkcertify.fixtures.KafkaExactlyOnceJob";

    /** The reference workloads' argument for their source rate, records/s (what a capacity search varies). */
    public static final String RATE_ARGUMENT = "--rate";

    /** Arguments used when a manifest names the workload but gives none. */
    public static final List<String> KEYED_SEQUENCE_DEFAULT_ARGS = List.of(
            "--keys", "8", "--records", "40000", "--rate", "4000", "--checkpoint-interval-ms", "2000");

    /**
     * An unbounded Kafka workload reads a finite input topic: this many seconds of records at its rate are loaded,
     * more than any certification runs it for.
     */
    public static final long UNBOUNDED_INPUT_SECONDS = 1800;

    public static Set<String> names() {
        return Set.of(KEYED_SEQUENCE, KAFKA_EXACTLY_ONCE);
    }

    public static Map<String, String> entryClasses() {
        return Map.of(KEYED_SEQUENCE, KEYED_SEQUENCE_MAIN, KAFKA_EXACTLY_ONCE, KAFKA_EXACTLY_ONCE_MAIN);
    }

    /** The arguments the harness puts before the manifest's: where the workload writes (and reads). */
    static List<String> wiring(String workload) {
        return workload.equals(KAFKA_EXACTLY_ONCE)
                ? List.of("--bootstrap", Workload.KAFKA_BOOTSTRAP_PLACEHOLDER, "--output-topic", Workload.OUTPUT_TOPIC_PLACEHOLDER)
                : List.of("--output", Workload.OUTPUT_PLACEHOLDER);
    }

    private ReferenceWorkloads() {}
}
