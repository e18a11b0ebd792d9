package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A job's Kafka transactions as the broker saw them, against how long they must stay open on this target.
 *
 * <p>A transactional sink opens a transaction after one checkpoint and commits it when the next one completes; if
 * the job fails in between, the restored job commits it on recovery. So a transaction must outlive the checkpoint
 * interval, the longest checkpoint and the longest recovery measured here; the broker aborts one older than its
 * {@code transaction.timeout.ms}, and what it held is lost although Flink's checkpoint says it was written.
 *
 * @param topic                 the run's output topic, whose writers were watched
 * @param watchedMs             how long the broker was asked for open transactions
 * @param transactions          each open transaction seen writing the topic: {@code id (timeout ms)}
 * @param shortestTimeoutMs     the shortest of their timeouts; null when none was seen
 * @param checkpointIntervalMs  the job's checkpoint interval (Flink's REST API)
 * @param longestCheckpointMs   the longest end-to-end checkpoint of the run so far
 * @param longestRecoveryMs     the longest fault -> first checkpoint after it of this run's faults; null before any
 * @param longestRecoveryFault  which fault that was
 * @param mustOutliveMs         interval + longest checkpoint + longest recovery
 * @param brokerMaxTimeoutMs    the broker's {@code transaction.max.timeout.ms} (a longer timeout is refused)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaTransactions(String topic, long watchedMs, List<String> transactions, Long shortestTimeoutMs,
                                long checkpointIntervalMs, long longestCheckpointMs, Long longestRecoveryMs,
                                String longestRecoveryFault, long mustOutliveMs, long brokerMaxTimeoutMs)
        implements Evidence {

    public KafkaTransactions {
        transactions = List.copyOf(transactions);
    }

    @Override
    public String headline() {
        return shortestTimeoutMs == null ? "no open transaction seen in " + watchedMs + " ms"
                : "transaction.timeout.ms=" + shortestTimeoutMs + " mustOutliveMs=" + mustOutliveMs;
    }
}
