package io.flinkcertify.harness.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.flinkcertify.harness.probe.JobSnapshot;

import java.util.List;
import java.util.Map;

/**
 * One timestamped entry of a {@link RunRecord}. The record is the history oracles judge: every figure a check
 * reports must be computable from these events alone, so a run can be re-judged offline (Jepsen's history).
 * Serialised with a {@code type} field naming the event (see run-record.schema.json).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunEvent.Deployed.class, name = "deployed"),
        @JsonSubTypes.Type(value = RunEvent.Polled.class, name = "polled"),
        @JsonSubTypes.Type(value = RunEvent.WindowOpened.class, name = "window-opened"),
        @JsonSubTypes.Type(value = RunEvent.FaultInjected.class, name = "fault-injected"),
        @JsonSubTypes.Type(value = RunEvent.FaultReverted.class, name = "fault-reverted"),
        @JsonSubTypes.Type(value = RunEvent.SavepointTaken.class, name = "savepoint-taken"),
        @JsonSubTypes.Type(value = RunEvent.OutputCommitted.class, name = "output-committed"),
        @JsonSubTypes.Type(value = RunEvent.Stopped.class, name = "stopped"),
        @JsonSubTypes.Type(value = RunEvent.LeaderObserved.class, name = "leader-observed"),
        @JsonSubTypes.Type(value = RunEvent.LoadSampled.class, name = "load-sampled"),
        @JsonSubTypes.Type(value = RunEvent.UsageSampled.class, name = "usage-sampled"),
        @JsonSubTypes.Type(value = RunEvent.CheckpointsSampled.class, name = "checkpoints-sampled"),
        @JsonSubTypes.Type(value = RunEvent.RateOffered.class, name = "rate-offered"),
        @JsonSubTypes.Type(value = RunEvent.Restored.class, name = "restored"),
        @JsonSubTypes.Type(value = RunEvent.CheckpointingDisabled.class, name = "checkpointing-disabled"),
        @JsonSubTypes.Type(value = RunEvent.TransactionsObserved.class, name = "transactions-observed"),
        @JsonSubTypes.Type(value = RunEvent.Judged.class, name = "judged")})
public sealed interface RunEvent {

    /** Wall-clock time of the event, epoch milliseconds. */
    long at();

    /**
     * The job is running on a freshly started cluster.
     *
     * @param keys    the workload's key count where it declares one (the exactly-once expectation), else null
     * @param records the bounded workload's record total, else null
     * @param facts   what the target reports about itself (instances, pids, versions)
     * @param submitToRunningPolledMs submission to the poll that saw all tasks running; null in older records
     * @param runningStampedBy whose clock ended {@code submitToRunningMs}: "jobmanager" (its stamp of the last task's
     *                         RUNNING) or "poll"; null in older records (poll)
     */
    record Deployed(long at, String jobId, String restoredFrom, long targetStartMs, long submitToRunningMs,
                    Long submitToRunningPolledMs, String runningStampedBy,
                    int parallelism, boolean bounded, Long keys, Long records, Map<String, Object> facts)
            implements RunEvent {}

    /** One poll of the job through Flink's REST API, during the named phase of the run. */
    record Polled(long at, String phase, JobSnapshot snapshot) implements RunEvent {}

    /** An observation window starts now and should last {@code durationMs} (availability). */
    record WindowOpened(long at, String name, long durationMs) implements RunEvent {}

    /**
     * A fault took effect. {@code evidence} is what the fault action measured (victim, pid, signal, ...).
     *
     * @param graceMs how long the job may take to recover once the fault is reverted
     */
    record FaultInjected(long at, String kind, String role, String description, long graceMs,
                         Map<String, Object> evidence) implements RunEvent {}

    /** The fault was reverted (the process replaced, the proxy healed, the chain removed). */
    record FaultReverted(long at, String kind) implements RunEvent {}

    record SavepointTaken(long at, String path, long stopMs) implements RunEvent {}

    /**
     * The job stopped writing; its committed output files were copied next to the record.
     *
     * @param directory where the copy is, relative to the record file's folder
     * @param files     the committed files' names as the sink wrote them
     */
    record OutputCommitted(long at, String directory, List<String> files) implements RunEvent {}

    record Stopped(long at, String finalState) implements RunEvent {}

    /**
     * The HA leader as the target's HA service shows it, recorded when it differs from the last one seen (only on
     * targets with that capability; elsewhere leadership is not measured and no such event exists).
     *
     * @param holder the holder's identity, or null when nobody holds the leadership
     */
    record LeaderObserved(long at, String holder) implements RunEvent {}

    /**
     * The job's load from Flink's metrics at one moment: the sources' records out per second summed over subtasks
     * (Nexmark's throughput), and the worst subtask's back-pressured and busy share of time over all vertices (0..1).
     */
    record LoadSampled(long at, String phase, double sourceRecordsPerSecond, double maxBackPressureRatio,
                       double maxBusyRatio) implements RunEvent {}

    /**
     * What every process of the job's cluster used, from /proc (utime+stime of each instance's process tree, its
     * RSS and peak RSS): Flink's own CPU load metric is not used (Nexmark found it inaccurate).
     *
     * @param instances      one entry per instance sampled; {@code coresUsed} is null on an instance's first sample
     * @param stackRssBytes  RSS of the harness JVM and every process below it: the whole embedded stack (ZooKeeper,
     *                       YARN, the Kubernetes emulation, every JobManager and TaskManager of the run)
     * @param stackCpuSeconds utime+stime of that same stack's live processes: with the instances' own, what the rest
     *                       of the stack took from the machine's cores beside the job (null in older records)
     */
    record UsageSampled(long at, String phase, List<InstanceUsage> instances, long stackRssBytes,
                        Double stackCpuSeconds) implements RunEvent {

        public record InstanceUsage(String role, String id, long pid, double cpuSeconds, Double coresUsed,
                                    long rssBytes, long peakRssBytes) {}
    }

    /**
     * Flink's checkpoint statistics at one moment (its distributions over the retained history; null where Flink
     * reports none yet).
     */
    record CheckpointsSampled(long at, long completed, long failed, Double endToEndP50Ms, Double endToEndP99Ms,
                              Double endToEndMaxMs, Double checkpointedSizeP50Bytes, Double stateSizeP50Bytes,
                              Double alignmentBufferedP50Bytes) implements RunEvent {}

    /**
     * The job was deployed with its rate argument set to {@code rate} records/s: one trial of a capacity search
     * (the run's load window is then recorded under the capacity phase).
     */
    record RateOffered(long at, String argument, double rate) implements RunEvent {}

    /**
     * The job was resubmitted to its running session cluster from the savepoint its stop took, and all its tasks
     * run again after {@code submitToRunningMs} (the restore cost Nexmark V2 reports).
     *
     * @param submitToRunningPolledMs submission to the poll that saw all tasks running; null in older records
     * @param runningStampedBy whose clock ended {@code submitToRunningMs}, as in {@link Deployed}
     * @param savepointBytes the savepoint's size on disk (the state restored), null where it cannot be read here
     */
    record Restored(long at, String jobId, String savepoint, long submitToRunningMs, Long submitToRunningPolledMs,
                    String runningStampedBy, Long savepointBytes)
            implements RunEvent {}

    /**
     * The job runs without checkpointing (Flink answered so for its checkpoint configuration): no checkpoint will
     * ever complete, so oracles judge what applies without one, and the missing checkpointing is a finding.
     *
     * @param answer what Flink said
     */
    record CheckpointingDisabled(long at, String answer) implements RunEvent {}

    /**
     * The Kafka transactions the broker reported open and writing the job's output topic, watched for
     * {@code watchedMs}, with what decides how long they must stay open here.
     *
     * @param checkpointIntervalMs the job's checkpoint interval, as Flink's REST API gives it
     * @param brokerMaxTimeoutMs   the broker's {@code transaction.max.timeout.ms}
     */
    record TransactionsObserved(long at, String topic, long watchedMs, List<OpenTransaction> transactions,
                                long checkpointIntervalMs, long brokerMaxTimeoutMs) implements RunEvent {

        public TransactionsObserved {
            transactions = List.copyOf(transactions);
        }

        /** A producer's transaction seen open: its transactional id and its {@code transaction.timeout.ms}. */
        public record OpenTransaction(String transactionalId, long timeoutMs) {}
    }

    /** The outcome a check reached on this record when the run happened (re-judging compares with it). */
    record Judged(long at, String check, boolean passed, String reason) implements RunEvent {}
}
