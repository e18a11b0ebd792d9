package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.KafkaTransactions;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunEvent.TransactionsObserved.OpenTransaction;
import io.flinkcertify.harness.record.SyntheticRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction-timeout lint on hand-built histories: two faults whose recoveries differ (a TaskManager kill
 * recovered in 22 s, a freeze in 13 s), checkpoints of at most 900 ms every 2 s; a transaction must outlive
 * 2,000 + 900 + 22,050 ms here.
 */
class TransactionTimeoutOracleTest {

    private final TransactionTimeoutOracle oracle = new TransactionTimeoutOracle();

    private static SyntheticRun twoFaultsThen(long... timeoutsMs) {
        SyntheticRun run = new SyntheticRun().deployed(false, 8L, null).phase("taskmanager-kill").running(0, 3)
                .at(100).injected("taskmanager-kill", 120_000).at(50).reverted("taskmanager-kill")
                .at(12_000).poll("RESTARTING", 0, 1, 3, 0).at(6_000).running(1, 3).at(4_000).running(1, 4)
                .phase("freeze").at(5_000).injected("freeze", 120_000).at(10_000).reverted("freeze")
                .at(1_000).running(1, 4).at(2_000).running(1, 5)
                .phase("kafka-transactions").at(1_000)
                .add(new RunEvent.CheckpointsSampled(0, 5, 0, 300.0, 800.0, 900.0, null, null, null));
        List<OpenTransaction> open = new java.util.ArrayList<>();
        for (int i = 0; i < timeoutsMs.length; i++) {
            open.add(new OpenTransaction("certify-out-" + i, timeoutsMs[i]));
        }
        return run.add(new RunEvent.TransactionsObserved(run.now(), "out-1a2b3c4d", 6_000, open, 2_000, 900_000));
    }

    @Test
    void aTimeoutAboveWhatATransactionMustOutlivePasses() {
        Judgement j = oracle.judge(twoFaultsThen(120_000, 120_000).record());
        assertTrue(j.passed(), j.reason());
        KafkaTransactions e = j.evidence(KafkaTransactions.class);
        assertEquals(22_050L, e.longestRecoveryMs());
        assertTrue(e.longestRecoveryFault().startsWith("taskmanager-kill"), e.longestRecoveryFault());
        assertEquals(2_000 + 900 + 22_050L, e.mustOutliveMs());
        assertEquals(120_000L, e.shortestTimeoutMs());
        assertEquals(2, e.transactions().size());
    }

    @Test
    void theShortestWriterDecides() {
        // one writer of the two left at 20 s: shorter than the kill's recovery alone
        Judgement j = oracle.judge(twoFaultsThen(120_000, 20_000).record());
        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("transaction.timeout.ms=20000 of the job's Kafka sink is not above the 24950 ms"),
                j.reason());
        assertTrue(j.reason().contains("longest recovery 22050 ms, taskmanager-kill"), j.reason());
        assertEquals(20_000L, j.evidence(KafkaTransactions.class).shortestTimeoutMs());
    }

    @Test
    void noTransactionSeenIsANoteForTheOutputOracles() {
        Judgement j = oracle.judge(twoFaultsThen().record());
        assertTrue(j.passed(), j.reason());
        assertNull(j.evidence(KafkaTransactions.class).shortestTimeoutMs());
        assertEquals("no open transaction seen in 6000 ms", j.evidence().headline());
    }

    @Test
    void aRecordWithoutTheObservationFails() {
        Judgement j = oracle.judge(new SyntheticRun().deployed(false, 8L, null).running(0, 1).record());
        assertFalse(j.passed());
    }
}
