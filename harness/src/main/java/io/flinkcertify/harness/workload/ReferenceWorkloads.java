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
    /**
     * The keyed-sequence job with large keyed state in the RocksDB backend and incremental checkpoints: by default
     * 50,000 keys of 4 KiB each (about 200 MB), so that checkpoint, restore and recovery times are measurable.
     */
    public static final String ROCKSDB_STATE = "rocksdb-state";
    /** Out-of-order events, watermarks, tumbling event-time windows with allowed lateness (window-results oracle). */
    public static final String EVENT_TIME_WINDOWS = "event-time-windows";
    public static final String EVENT_TIME_WINDOWS_MAIN = "io.flinkcertify.fixtures.EventTimeWindowsJob";
    /** Flink SQL: a TUMBLE window aggregate over the same generator (window-results oracle). */
    public static final String SQL_AGGREGATION = "sql-aggregation";
    public static final String SQL_AGGREGATION_MAIN = "io.flinkcertify.fixtures.SqlAggregationJob";

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

    public static final List<String> ROCKSDB_STATE_DEFAULT_ARGS = List.of(
            "--keys", "50000", "--records", "100000", "--rate", "5000", "--checkpoint-interval-ms", "2000",
            "--state-bytes-per-key", "4096");

    /** 12,000 events over 4 keys at 500/s (24 s), 10 ms of event time apart: 120 one-second windows per key. */
    public static final List<String> EVENT_TIME_WINDOWS_DEFAULT_ARGS = List.of(
            "--keys", "4", "--records", "12000", "--rate", "500", "--checkpoint-interval-ms", "1000");

    /** The same events, the watermark's bound past the latest one: SQL windows have no allowed lateness. */
    public static final List<String> SQL_AGGREGATION_DEFAULT_ARGS = List.of(
            "--keys", "4", "--records", "12000", "--rate", "500", "--checkpoint-interval-ms", "1000", "--bound-ms", "1500");

    /** The workloads whose output the window-results oracle can judge: they share its generator. */
    public static boolean windowed(String workload) {
        return EVENT_TIME_WINDOWS.equals(workload) || SQL_AGGREGATION.equals(workload);
    }

    public static Set<String> names() {
        return Set.of(KEYED_SEQUENCE, KAFKA_EXACTLY_ONCE, ROCKSDB_STATE, EVENT_TIME_WINDOWS, SQL_AGGREGATION);
    }

    public static Map<String, String> entryClasses() {
        return Map.of(KEYED_SEQUENCE, KEYED_SEQUENCE_MAIN, KAFKA_EXACTLY_ONCE, KAFKA_EXACTLY_ONCE_MAIN,
                ROCKSDB_STATE, KEYED_SEQUENCE_MAIN, EVENT_TIME_WINDOWS, EVENT_TIME_WINDOWS_MAIN,
                SQL_AGGREGATION, SQL_AGGREGATION_MAIN);
    }

    /** Arguments of a workload the manifest names without any. */
    static List<String> defaultArgs(String workload) {
        return switch (workload) {
            case ROCKSDB_STATE -> ROCKSDB_STATE_DEFAULT_ARGS;
            case EVENT_TIME_WINDOWS -> EVENT_TIME_WINDOWS_DEFAULT_ARGS;
            case SQL_AGGREGATION -> SQL_AGGREGATION_DEFAULT_ARGS;
            default -> KEYED_SEQUENCE_DEFAULT_ARGS;
        };
    }

    /**
     * The cluster settings a workload is defined by (the manifest's flinkConfig goes on top): RocksDB with
     * incremental checkpoints for rocksdb-state, with managed memory for its block cache and write buffers.
     */
    static Map<String, String> flinkConfig(String workload) {
        return workload.equals(ROCKSDB_STATE)
                ? Map.of("state.backend.type", "rocksdb", "execution.checkpointing.incremental", "true",
                        "taskmanager.memory.managed.fraction", "0.3")
                : Map.of();
    }

    /** The arguments the harness puts before the manifest's: where the workload writes (and reads). */
    static List<String> wiring(String workload) {
        return workload.equals(KAFKA_EXACTLY_ONCE)
                ? List.of("--bootstrap", Workload.KAFKA_BOOTSTRAP_PLACEHOLDER, "--output-topic", Workload.OUTPUT_TOPIC_PLACEHOLDER)
                : List.of("--output", Workload.OUTPUT_PLACEHOLDER);
    }

    private ReferenceWorkloads() {}
}
