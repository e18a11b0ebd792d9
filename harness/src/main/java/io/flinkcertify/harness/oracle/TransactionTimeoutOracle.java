package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.KafkaTransactions;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunEvent.FaultInjected;
import io.flinkcertify.harness.record.RunEvent.TransactionsObserved;
import io.flinkcertify.harness.record.RunRecord;

import java.util.List;
import java.util.Optional;

/**
 * The measured half of the config lint for a job writing Kafka with transactions: the shortest
 * {@code transaction.timeout.ms} the broker saw on the job's open transactions must exceed how long a transaction
 * stays open on this target, measured in this run: the checkpoint interval (a transaction spans one), the longest
 * checkpoint (it is committed when the next completes) and the longest recovery of the run's faults (a failed job's
 * open transaction is committed by the restored one). A shorter timeout lets the broker abort a transaction Flink's
 * checkpoint already counts as written: committed output is lost, silently, exactly when production fails over.
 * No transaction seen means the sink does not write with transactions: a note, judged by the output oracles.
 */
public final class TransactionTimeoutOracle implements Oracle {

    /** The run phase whose record this oracle judges. */
    public static final String PHASE = "kafka-transactions";

    @Override
    public Judgement judge(RunRecord record) {
        Optional<TransactionsObserved> observed = record.last(TransactionsObserved.class);
        if (observed.isEmpty()) {
            return Judgement.fail("the broker was not asked for the job's transactions in this run");
        }
        TransactionsObserved seen = observed.get();
        long longestCheckpointMs = record.all(RunEvent.CheckpointsSampled.class)
                .map(RunEvent.CheckpointsSampled::endToEndMaxMs).filter(java.util.Objects::nonNull)
                .mapToLong(Double::longValue).max().orElse(0);
        Longest recovery = longestRecovery(record);
        long mustOutlive = seen.checkpointIntervalMs() + longestCheckpointMs + (recovery == null ? 0 : recovery.ms);
        Long shortest = seen.transactions().stream().mapToLong(TransactionsObserved.OpenTransaction::timeoutMs).min()
                .stream().boxed().findFirst().orElse(null);
        KafkaTransactions evidence = new KafkaTransactions(seen.topic(), seen.watchedMs(), seen.transactions().stream()
                .map(t -> t.transactionalId() + " (" + t.timeoutMs() + " ms)").toList(), shortest,
                seen.checkpointIntervalMs(), longestCheckpointMs, recovery == null ? null : recovery.ms,
                recovery == null ? null : recovery.fault, mustOutlive, seen.brokerMaxTimeoutMs());
        if (shortest == null || shortest > mustOutlive) {
            return Judgement.pass(evidence);
        }
        return Judgement.fail("transaction.timeout.ms=" + shortest + " of the job's Kafka sink is not above the "
                + mustOutlive + " ms a transaction stays open here (checkpoint interval " + seen.checkpointIntervalMs()
                + " ms + longest checkpoint " + longestCheckpointMs + " ms + longest recovery "
                + (recovery == null ? "0 ms (no fault yet)" : recovery.ms + " ms, " + recovery.fault)
                + "): the broker aborts a transaction the restored job still has to commit, and its records are lost; "
                + "set it above that with margin and at most the broker's transaction.max.timeout.ms ("
                + seen.brokerMaxTimeoutMs() + " ms here)", evidence);
    }

    private record Longest(long ms, String fault) {}

    /** Fault -> first completed checkpoint after it, the longest over the record's faults (each judged alone). */
    private static Longest longestRecovery(RunRecord record) {
        List<FaultInjected> faults = record.all(FaultInjected.class).toList();
        Longest longest = null;
        for (int i = 0; i < faults.size(); i++) {
            RunRecord upToNext = i + 1 < faults.size() ? record.upTo(faults.get(i + 1)) : record;
            Recovery r = new RecoveryOracle(java.time.Duration.ofMillis(faults.get(i).graceMs())).judge(upToNext)
                    .evidence() instanceof Recovery measured ? measured : null;
            if (r != null && r.injectToCheckpointMs() != null && (longest == null || r.injectToCheckpointMs() > longest.ms)) {
                longest = new Longest(r.injectToCheckpointMs(), faults.get(i).description());
            }
        }
        return longest;
    }
}
