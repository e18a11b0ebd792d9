package io.flinkcertify.harness.run;

import io.flinkcertify.harness.oracle.ThroughputOracle;
import io.flinkcertify.harness.process.ClassDataArchive;
import io.flinkcertify.harness.probe.FlinkMetrics;
import io.flinkcertify.harness.probe.ProcessTreeCpu;
import io.flinkcertify.harness.targets.Instance;

import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.evidence.Deployment;
import io.flinkcertify.harness.evidence.FaultRun;
import io.flinkcertify.harness.evidence.Finish;
import io.flinkcertify.harness.evidence.FirstCheckpoint;
import io.flinkcertify.harness.evidence.Recovery;
import io.flinkcertify.harness.evidence.SavepointStop;

import io.flinkcertify.harness.components.KafkaBroker;
import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Capability;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultActions;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.oracle.AvailabilityOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.probe.JobManagerLog;
import io.flinkcertify.harness.probe.JobProbe;
import io.flinkcertify.harness.probe.JobSnapshot;
import io.flinkcertify.harness.probe.RunningTime;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.oracle.CommittedOutput;
import io.flinkcertify.harness.oracle.RecoveryOracle;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import io.flinkcertify.harness.record.RunRecorder;
import io.flinkcertify.harness.targets.Target;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.Platform;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.TargetUnavailable;
import io.flinkcertify.harness.workload.KafkaInput;
import io.flinkcertify.harness.workload.Workload;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One workload on one target, phase by phase: deploy, first checkpoint, availability window, finish (bounded)
 * or cancel (unbounded), exactly-once on the committed output. Each phase returns a {@link Judgement} built
 * from probes; a phase whose precondition failed is skipped with the reason, never run on a broken cluster.
 * The target gets a fresh cluster per job, configured with the job's own Flink settings.
 *
 * <p>Everything the run observes is appended to its {@link RunRecord} (deployment facts, every poll, faults,
 * savepoints, committed output, stop) and every judgement is an oracle's verdict over that record, so the record
 * written to {@code OUT/runs/<job>/<target>/record.json} can be re-judged offline.
 */
public final class JobRun implements AutoCloseable {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Workload workload;
    private final String targetKind;
    private final TargetOptions options;
    private final Path reportDir;
    private final Teardown teardown;
    private final Path sharedOutputDir;
    /** A session cluster the run submits to instead of starting one; null: the run starts (and stops) its own. */
    private final Target cluster;
    private String savepoint;
    private Target target;
    private Workspace workspace;
    private Path outputDir;
    /** The run's Kafka broker, when its job uses one (shared with the certification's other runs). */
    private KafkaBroker broker;
    /**
     * Whether the job's Kafka connections pass the broker's fault proxy; otherwise they reach the broker's own
     * listener, so that nothing a run measures (launch, throughput, recovery, a savepoint move) includes the proxy.
     */
    private boolean kafkaThroughProxy;
    private JobProbe probe;
    private String blocked;
    private boolean anyFailure;
    private final RunRecorder recorder;
    /** The phase running now: every poll is recorded under it. */
    private volatile String phase = "deploy";
    private boolean leaderSeen;
    private String leader;

    /**
     * @param reportDir where the target's logs are copied if any phase fails
     */
    public JobRun(Workload workload, String targetKind, TargetOptions options, Path reportDir) {
        this(workload, targetKind, options, reportDir, null);
    }

    /**
     * @param sharedOutputDir committed output goes here instead of the run's own workspace: a savepoint rehearsal
     *                        continues one output across two runs (the sink's state refers to this path)
     */
    public JobRun(Workload workload, String targetKind, TargetOptions options, Path reportDir, Path sharedOutputDir) {
        this(workload, targetKind, options, reportDir, sharedOutputDir, null);
    }

    private JobRun(Workload workload, String targetKind, TargetOptions options, Path reportDir, Path sharedOutputDir,
                   Target cluster) {
        this.sharedOutputDir = sharedOutputDir;
        this.workload = workload;
        this.targetKind = targetKind;
        this.options = optionsFor(workload, targetKind, options);
        this.reportDir = reportDir;
        this.cluster = cluster;
        this.teardown = Teardown.global().child("job run " + workload.id() + "@" + targetKind);
        this.recorder = RunRecorder.open(reportDir, workload.id(), targetKind);
    }

    /**
     * A run of {@code workload} on a session cluster that is already up and outlives the run (its owner stops it):
     * the job is submitted there, and cancelled when the run closes if it still runs. For measurements that do not
     * include the cluster's start (a capacity search's trials), so each costs a submission, not a deployment.
     */
    public static JobRun onCluster(Workload workload, Target cluster, TargetOptions options, Path reportDir) {
        return new JobRun(workload, cluster.kind(), options, reportDir, null, cluster);
    }

    /** The options a cluster for {@code workload} on {@code targetKind} is started with: the job's settings on top. */
    public static TargetOptions optionsFor(Workload workload, String targetKind, TargetOptions options) {
        return options.withOverrides(workload.flinkConfigOn(Platform.of(targetKind))).withDeployment(workload.deployment());
    }

    /**
     * The job reaches the Kafka broker through the fault proxy, where a Kafka outage or latency can be injected: for
     * a run whose checks inject one (without it a Kafka fault is not applicable, saying so). Before {@link #deploy()}.
     */
    public JobRun withKafkaFaultPath() {
        kafkaThroughProxy = true;
        return this;
    }

    /** Records a poll, and with it who leads now where the target's HA service can be read. */
    private void polled(JobSnapshot s) {
        recorder.append(new RunEvent.Polled(s.polledAtMillis(), phase, s));
        target.leaderElection().ifPresent(election -> {
            String holder = election.holder().orElse(null);
            if (!leaderSeen || !java.util.Objects.equals(holder, leader)) {
                leaderSeen = true;
                leader = holder;
                recorder.append(new RunEvent.LeaderObserved(System.currentTimeMillis(), holder));
            }
        });
    }

    /** This deployment's history so far. */
    public RunRecord record() {
        return recorder.snapshot();
    }

    public Workload workload() {
        return workload;
    }

    public String targetKind() {
        return targetKind;
    }

    /** Records that this run's job was given {@code rate} records/s through its {@code argument}: a capacity trial. */
    public void rateOffered(String argument, double rate) {
        recorder.append(new RunEvent.RateOffered(System.currentTimeMillis(), argument, rate));
    }

    /** Starts the target, submits the job, waits until every task is RUNNING. */
    public Judgement deploy() throws Exception {
        return deploy(null);
    }

    /** As {@link #deploy()}, restoring from a savepoint taken anywhere (null: start fresh). */
    public Judgement deploy(String restoreFrom) throws Exception {
        return phase("deploy", () -> {
            workspace = Workspace.create(options.workRoot(), "job-" + workload.id());
            teardown.register("job workspace", workspace);
            outputDir = sharedOutputDir != null ? sharedOutputDir : workspace.dir("output");
            long t0 = System.nanoTime();
            if (workload.usesKafka()) {
                if (!TargetCatalog.onThisMachine(targetKind)) {
                    throw new TestAbortedException("not applicable: " + workload.id() + " reads or writes Kafka, and the "
                            + "harness's broker listens on this machine's loopback, which " + targetKind + " pods cannot "
                            + "reach; certify it on yarn-mini and k8s-emulated");
                }
                // the broker and the job's input topics before the cluster: a job must find its records there
                broker = KafkaBroker.shared(options.workRoot());
                for (KafkaInput input : workload.kafka().inputs()) {
                    long loaded = broker.topics().load(input);
                    if (loaded > 0) {
                        Progress.say("kafka", "input topic " + input.describe() + ": " + loaded + " records loaded");
                    }
                }
            }
            if (cluster != null) {
                target = cluster;
            } else {
                target = TargetCatalog.create(targetKind, options);
                teardown.register(targetKind + " target", target);
                target.start();
            }
            long started = System.nanoTime();
            long submittedAt = System.currentTimeMillis();
            String jobId = target.submit(restoreFrom == null ? workload.submission(outputDir, kafkaBootstrap())
                    : workload.submission(outputDir, kafkaBootstrap()).restoringFrom(restoreFrom));
            probe = new JobProbe(target.rest(), jobId, this::polled);
            JobSnapshot running = probe.awaitAllTasksStarted(RUNNING_TIMEOUT);
            long targetStartMs = millis(t0, started);
            RunningTime submitToRunning = runningTime(submittedAt);
            Deployment evidence = new Deployment(jobId, restoreFrom, targetStartMs, submitToRunning.ms(),
                    running.tasksRunning(), running.state(), workload.parallelism(), target.facts());
            recorder.append(new RunEvent.Deployed(System.currentTimeMillis(), jobId, restoreFrom, targetStartMs,
                    submitToRunning.ms(), submitToRunning.polledMs(), submitToRunning.stampedBy(),
                    workload.parallelism(), workload.bounded(),
                    workload.keys().isPresent() ? workload.keys().getAsLong() : null,
                    workload.records().isPresent() ? workload.records().getAsLong() : null, deploymentFacts()));
            Progress.say(targetKind, workload.id() + " RUNNING as job " + jobId);
            return Judgement.pass(evidence);
        });
    }

    /** The finding for a job without checkpointing, as every check that meets it says it. */
    public static final String CHECKPOINTING_OFF = "the job does not enable checkpointing: a restart loses its state and "
            + "its output cannot be exactly-once; enable it (env.enableCheckpointing or execution.checkpointing.interval)";

    /** At least one checkpoint completes: the job's state can be restored at all. */
    public Judgement firstCheckpoint() throws Exception {
        return phase("first-checkpoint", () -> {
            java.util.Optional<String> off = probe.checkpointingDisabled();
            if (off.isPresent()) {
                // said at once, with its consequence, rather than after the wait runs out on a checkpoint never due
                recorder.append(new RunEvent.CheckpointingDisabled(System.currentTimeMillis(), off.get()));
                return Judgement.fail(CHECKPOINTING_OFF + " (" + off.get() + ")");
            }
            long t0 = System.nanoTime();
            JobSnapshot s = probe.awaitCompletedCheckpoints(1, CHECKPOINT_TIMEOUT);
            return Judgement.pass(new FirstCheckpoint(s.checkpoints().completed(), s.checkpoints().failed(),
                    millis(t0, System.nanoTime()), s.checkpoints().latestCompletedId()));
        });
    }

    /** Observes the job for its availability window (or until a bounded job finishes inside it). */
    public Judgement availability() throws Exception {
        return phase("availability", () -> {
            long opened = System.currentTimeMillis();
            recorder.append(new RunEvent.WindowOpened(opened, AvailabilityOracle.WINDOW,
                    workload.availabilityWindow().toMillis()));
            long end = opened + workload.availabilityWindow().toMillis();
            JobSnapshot s;
            do {
                s = probe.snapshot();
                if (s.isTerminal()) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            } while (System.currentTimeMillis() < end);
            if (System.currentTimeMillis() >= end && !s.isTerminal()) {
                probe.snapshot();
            }
            return new AvailabilityOracle().judge(recorder.snapshot());
        });
    }

    /** A bounded job must reach FINISHED; an unbounded one is cancelled and must reach CANCELED. */
    public Judgement finish() throws Exception {
        return phase(finishName(), () -> {
            long t0 = System.nanoTime();
            JobSnapshot s;
            if (workload.bounded()) {
                s = probe.awaitState("FINISHED", finishTimeout());
            } else {
                probe.cancel();
                s = probe.awaitState("CANCELED", Duration.ofSeconds(60));
            }
            long waitedMs = millis(t0, System.nanoTime());
            recorder.append(new RunEvent.Stopped(System.currentTimeMillis(), s.state()));
            recorder.outputCommitted(outputDir, committedOutput());
            Map<String, Finish.VertexRecords> records = new LinkedHashMap<>();
            s.vertices().forEach(v -> records.put(v.name(), new Finish.VertexRecords(v.recordsIn(), v.recordsOut())));
            // the instances as the job ends, with their peak RSS: what the job cost on this target
            return Judgement.pass(new Finish(s.state(), waitedMs, s.restarts(), s.checkpoints().completed(), records,
                    target.facts()));
        });
    }

    /**
     * Injects a fault into the running job's target, holds it for its duration, reverts it, and judges recovery:
     * all tasks RUNNING again and a checkpoint completed after the fault, inside the grace period.
     */
    public Judgement fault(Fault fault, Duration grace) throws Exception {
        return phase(fault.kind().label(), () -> {
            // the schedule's pause: the fault lands at a different point of the job's checkpoint cycle each time. A
            // fault no action can carry out here right now is not paused for: the injection below decides, and says
            // why it does not apply (measured: 7 s of pauses per default run before three SKIPPED faults)
            if (fitsHere(fault)) {
                Thread.sleep(fault.start().toMillis());
            }
            // after a failover the job can run before the target lists the replaced instances (a YARN container
            // still being registered): aim only once an instance of the fault's role is there
            long aimStart = System.nanoTime();
            Waits.until("a live " + fault.role().name().toLowerCase() + " to aim " + fault.describe() + " at", grace,
                    target::instances, all -> all.stream().anyMatch(i -> i.role() == fault.role()));
            long aimWaitMs = millis(aimStart, System.nanoTime());
            // the state the job must recover to; a job still recovering from the last fault, or whose JobManager
            // is still electing a leader (REST answers 503), is waited for, so one unrecovered fault is reported as
            // such and not as a REST error of the next
            JobSnapshot before;
            try {
                before = Waits.until("job " + probe.jobId() + " to run before " + fault.describe(), grace,
                        probe::snapshot, s -> s.allTasksRunning() || s.isTerminal());
            } catch (WaitTimeout e) {
                return Judgement.fail("not injected: the job was not running when " + fault.describe() + " was due ("
                        + e.getMessage() + ")" + leadershipSeen());
            }
            List<String> instancesBefore = instanceIds();
            Injection injection = FaultActions.inject(fault, capabilities());
            try (injection) {
                recorder.append(new RunEvent.FaultInjected(System.currentTimeMillis(), fault.kind().label(),
                        fault.role().name().toLowerCase(), fault.describe(), grace.toMillis(), injection.evidence()));
                AllureSteps.step("inject " + fault.describe() + ": " + injection.evidence());
                Thread.sleep(fault.duration().toMillis());
            }
            recorder.append(new RunEvent.FaultReverted(System.currentTimeMillis(), fault.kind().label()));
            AllureSteps.step("revert " + fault.describe());
            // the waits only decide how long to poll; the recovery oracle judges the polls they recorded
            try {
                if (fault.kind().killsAnInstance()) {
                    JobSnapshot noticed = Waits.until("job " + probe.jobId() + " to notice " + fault.describe(), grace,
                            probe::snapshot, s -> s.restarts() > Math.max(0, before.restarts()) || !s.allTasksRunning());
                    if (noticed.allTasksRunning()) {
                        // noticed by the restart counter while the cached task view still shows the old tasks: poll
                        // on until they are seen down or the view has refreshed (the recovery oracle's rule)
                        long refreshed = System.currentTimeMillis() + RecoveryOracle.TASK_VIEW_REFRESH_MS;
                        Waits.until("the task view of job " + probe.jobId() + " to refresh", grace, probe::snapshot,
                                s -> !s.allTasksRunning() || System.currentTimeMillis() >= refreshed);
                    }
                }
                JobSnapshot running = probe.awaitAllTasksRunning(grace);
                probe.awaitCompletedCheckpoints(running.checkpoints().completed() + 1, grace);
            } catch (WaitTimeout e) {
                Progress.say(targetKind, "recovery wait ended: " + e.getMessage());
            }
            Judgement recovery = new RecoveryOracle(grace).judge(recorder.snapshot());
            Map<String, Object> afterRecovery = injection.afterRecovery();
            // what replaced what: a new TaskManager, a new application attempt, a new pod
            FaultRun evidence = new FaultRun(fault.describe(), aimWaitMs, instancesBefore, injection.evidence(),
                    injection.leadershipRevoked().isPresent() ? injection.leadershipRevoked().getAsLong() : null,
                    recovery.evidence(Recovery.class), instanceIds(), afterRecovery.isEmpty() ? null : afterRecovery,
                    null);
            return new Judgement(recovery.passed(), recovery.passed() ? recovery.reason()
                    : recovery.reason() + leadershipSeen(), evidence);
        });
    }

    private boolean fitsHere(Fault fault) {
        try {
            FaultActions.route(fault, capabilities());
            return true;
        } catch (NotApplicable e) {
            return false;
        }
    }

    /**
     * What the current JobManager logged about its leadership, for a failure message: a job SUSPENDED or a REST API
     * answering "leader election ongoing" is explained by a leadership lost and not (or not fully) regained.
     */
    private String leadershipSeen() {
        try {
            return JobManagerLog.whole(capabilities().jobManagerLog()).leadershipSummary()
                    .map(s -> "; JobManager log: " + s).orElse("");
        } catch (RuntimeException e) {
            return ""; // a diagnosis, never a reason to lose the judgement
        }
    }

    /** How long a measurement waits for a class-data archive build under way (one takes 15-30 s here). */
    static final Duration ARCHIVE_BUILD_WAIT = Duration.ofSeconds(60);

    /**
     * Measures the running job's sustained load: after {@code warmup}, every {@code every} for {@code window}, the
     * sources' records/s and the vertices' back-pressure and busy time from Flink's metrics, and the CPU and memory
     * of every instance's process tree from /proc; then the checkpoint statistics. The samples go to the record;
     * the throughput oracle judges them.
     */
    public Judgement throughput(Duration warmup, Duration window, Duration every) throws Exception {
        return throughput(ThroughputOracle.PHASE, warmup, window, every);
    }

    /** As {@link #throughput(Duration, Duration, Duration)}, the window recorded under {@code phaseName}. */
    public Judgement throughput(String phaseName, Duration warmup, Duration window, Duration every) throws Exception {
        return phase(phaseName, () -> {
            // no class-data archive is built on the machine while the warm-up and the window run: a build takes a
            // core for 15-30 s, which a window on 2 cores reads as a slower job (ClassDataArchive#quiet)
            try (ClassDataArchive.Quiet quiet = ClassDataArchive.machine().quiet(ARCHIVE_BUILD_WAIT)) {
                FlinkMetrics metrics = new FlinkMetrics(target.rest(), probe.jobId());
                long warmEnd = System.currentTimeMillis() + warmup.toMillis();
                while (System.currentTimeMillis() < warmEnd) {
                    probe.freshSnapshot(); // the window's rate is read from these polls' counters
                    Thread.sleep(Math.min(every.toMillis(), Math.max(1, warmEnd - System.currentTimeMillis())));
                }
                // one process tree per instance that has a local pid (a pod on a remote cluster has none)
                Map<Instance, ProcessTreeCpu> trees = new LinkedHashMap<>();
                target.instances().stream().filter(i -> i.pid() > 0)
                        .forEach(i -> trees.put(i, new ProcessTreeCpu(List.of(i.pid()))));
                usage(trees, phaseName); // primes each tree: cores need an interval
                long end = System.currentTimeMillis() + window.toMillis();
                while (System.currentTimeMillis() < end) {
                    Thread.sleep(every.toMillis());
                    if (probe.freshSnapshot().isTerminal()) {
                        break;
                    }
                    metrics.sample().ifPresent(s -> recorder.append(new RunEvent.LoadSampled(s.time().toEpochMilli(),
                            phaseName, s.sourceRecordsPerSecond(), s.maxBackPressureRatio(),
                            s.vertices().stream().mapToDouble(FlinkMetrics.VertexLoad::busyMsPerSecondMax).max().orElse(0) / 1000.0)));
                    usage(trees, phaseName);
                }
                sampleCheckpoints(metrics);
                return new ThroughputOracle(phaseName).judge(recorder.snapshot());
            }
        });
    }

    private void sampleCheckpoints(FlinkMetrics metrics) {
        FlinkMetrics.CheckpointStats c = metrics.checkpoints();
        recorder.append(new RunEvent.CheckpointsSampled(c.time().toEpochMilli(), c.completed(), c.failed(),
                p50(c.endToEndMs()), c.endToEndMs() == null ? null : c.endToEndMs().p99(),
                c.endToEndMs() == null ? null : c.endToEndMs().max(), p50(c.checkpointedSizeBytes()),
                p50(c.stateSizeBytes()), p50(c.alignmentBufferedBytes())));
    }

    /**
     * The transaction-timeout lint, measured: the broker asked for the open transactions writing the job's output
     * topic over a few checkpoint intervals, the checkpoint statistics sampled; the oracle weighs the timeouts seen
     * against the interval, the longest checkpoint and the longest recovery of this run's faults.
     */
    public Judgement kafkaTransactions() throws Exception {
        return phase(io.flinkcertify.harness.oracle.TransactionTimeoutOracle.PHASE, () -> {
            if (broker == null || workload.kafka().outputTopic() == null) {
                throw new TestAbortedException(workload.id() + " writes no Kafka topic of the embedded broker on "
                        + targetKind + ": no transaction of its to weigh");
            }
            long interval = probe.checkpointIntervalMs();
            // every writer opens a transaction per checkpoint interval: three intervals see each of them
            Duration within = Duration.ofMillis(Math.min(20_000, Math.max(3_000, 3 * Math.min(interval, 20_000))));
            String topic = workload.outputTopicFor(outputDir);
            long at = System.currentTimeMillis();
            List<RunEvent.TransactionsObserved.OpenTransaction> open = broker.topics().openTransactions(topic, within);
            sampleCheckpoints(new FlinkMetrics(target.rest(), probe.jobId()));
            recorder.append(new RunEvent.TransactionsObserved(at, topic, within.toMillis(), open, interval,
                    KafkaBroker.TRANSACTION_MAX_TIMEOUT_MS));
            return new io.flinkcertify.harness.oracle.TransactionTimeoutOracle().judge(recorder.snapshot());
        });
    }

    private void usage(Map<Instance, ProcessTreeCpu> trees, String phaseName) {
        if (trees.isEmpty()) {
            return;
        }
        List<RunEvent.UsageSampled.InstanceUsage> instances = new ArrayList<>();
        trees.forEach((instance, tree) -> {
            ProcessTreeCpu.Sample s = tree.sample();
            instances.add(new RunEvent.UsageSampled.InstanceUsage(instance.role().name().toLowerCase(), instance.id(),
                    instance.pid(), s.cpuSeconds(), Double.isNaN(s.coresUsed()) ? null : s.coresUsed(), s.rssBytes(),
                    s.peakRssBytes()));
        });
        // everything under the harness JVM, itself included: what the whole embedded stack costs this machine
        ProcessTreeCpu.Sample stack = new ProcessTreeCpu(List.of(ProcessHandle.current().pid())).sample();
        recorder.append(new RunEvent.UsageSampled(System.currentTimeMillis(), phaseName, instances,
                stack.rssBytes(), stack.cpuSeconds()));
    }

    private static Double p50(FlinkMetrics.Distribution d) {
        return d == null ? null : d.p50();
    }

    /** Stop-with-savepoint into {@code directory}; the savepoint's location is kept for {@link #savepoint()}. */
    public Judgement stopWithSavepoint(Path directory) throws Exception {
        return phase("stop-with-savepoint", () -> {
            long t0 = System.nanoTime();
            JobSnapshot before = probe.snapshot();
            savepoint = probe.stopWithSavepoint(directory, Duration.ofSeconds(120));
            JobSnapshot after = probe.awaitState("FINISHED", Duration.ofSeconds(60));
            SavepointStop evidence = new SavepointStop(savepoint, millis(t0, System.nanoTime()),
                    before.vertices().isEmpty() ? 0 : before.vertices().get(0).recordsOut(), after.state());
            recorder.append(new RunEvent.SavepointTaken(System.currentTimeMillis(), savepoint, evidence.stopMs()));
            recorder.append(new RunEvent.Stopped(System.currentTimeMillis(), after.state()));
            recorder.outputCommitted(outputDir, committedOutput());
            return Judgement.pass(evidence);
        });
    }

    public String savepoint() {
        return savepoint;
    }

    /** Stop-with-savepoint into the run's own workspace (a savepoint this run restores from itself). */
    public Judgement stopWithSavepoint() throws Exception {
        if (workspace == null) {
            throw new TestAbortedException("not deployed: nothing to stop");
        }
        return stopWithSavepoint(workspace.dir("savepoints"));
    }

    /**
     * Resubmits the job to its still-running session cluster from the savepoint its stop took, and waits until every
     * task runs: the restore cost (submit -> RUNNING) with the state size. An application cluster ends with its job,
     * so there the restore is not applicable (a fresh cluster's launch already measures that path).
     */
    public Judgement restoreInPlace() throws Exception {
        return phase("restore", () -> {
            if (workload.deployment() != io.flinkcertify.harness.targets.DeploymentMode.SESSION) {
                throw new TestAbortedException("not applicable: " + workload.id() + " runs in application mode, whose "
                        + "cluster ends with its job");
            }
            if (savepoint == null) {
                return Judgement.fail("no savepoint to restore from: the stop-with-savepoint did not complete");
            }
            long submittedAt = System.currentTimeMillis();
            String jobId = target.submit(workload.submission(outputDir, kafkaBootstrap()).restoringFrom(savepoint));
            probe = new JobProbe(target.rest(), jobId, this::polled);
            probe.awaitAllTasksStarted(RUNNING_TIMEOUT);
            RunningTime submitToRunning = runningTime(submittedAt);
            Long bytes = savepointBytes(savepoint);
            recorder.append(new RunEvent.Restored(System.currentTimeMillis(), jobId, savepoint, submitToRunning.ms(),
                    submitToRunning.polledMs(), submitToRunning.stampedBy(), bytes));
            Progress.say(targetKind, workload.id() + " restored from its savepoint as job " + jobId);
            return Judgement.pass(new io.flinkcertify.harness.evidence.Restore(jobId, savepoint, submitToRunning.ms(), bytes));
        });
    }

    /**
     * Submission to all tasks RUNNING for the job the probe follows, which a poll has just seen running: the
     * JobManager's stamp of the last task where it lies between the submission and now, else the poll's time.
     */
    private RunningTime runningTime(long submittedAt) {
        long observedAt = System.currentTimeMillis();
        return RunningTime.of(submittedAt, observedAt, probe.lastTaskRunningAt());
    }

    /** The savepoint's size where it is a local directory (file: URI or path), else null. */
    private static Long savepointBytes(String location) {
        try {
            Path dir = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
            if (!Files.isDirectory(dir)) {
                return null;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        } catch (IOException | RuntimeException e) {
            return null; // not on this machine's file system: the size is not measured, never a 0
        }
    }

    public String finishName() {
        return workload.bounded() ? "finish" : "cancel";
    }

    /** Exactly-once per key on what the sink committed. Runs only after the job stopped writing. */
    public Judgement exactlyOnce() throws Exception {
        return phase("exactly-once", () -> new ExactlyOnceOracle().judge(recorder.snapshot()));
    }

    private String kafkaBootstrap() {
        return broker == null ? null : kafkaThroughProxy ? broker.jobsBootstrap() : broker.harnessBootstrap();
    }

    /** The target's facts and, for a job on the Kafka broker, the broker's. */
    private Map<String, Object> deploymentFacts() {
        Map<String, Object> facts = new LinkedHashMap<>(target.facts());
        if (cluster != null) {
            facts.put("cluster", "shared: submitted to a session cluster started before this run (its start is not in targetStartMs)");
        }
        if (broker != null) {
            facts.putAll(broker.facts());
            facts.put("kafkaPath", kafkaThroughProxy ? "through the fault proxy " + broker.jobsBootstrap()
                    : "direct to the broker's listener " + broker.harnessBootstrap() + " (no Kafka fault in this run)");
        }
        return facts;
    }

    /**
     * What the job committed: the files under its output directory, after reading its output topic (if it has one)
     * into them as a downstream consumer would, read_committed.
     */
    private List<Path> committedOutput() {
        if (broker != null && workload.kafka().outputTopic() != null) {
            broker.topics().drain(workload.outputTopicFor(outputDir), outputDir);
        }
        return CommittedOutput.files(outputDir);
    }

    /** What fault actions can use here: the target's capabilities and, for a job on the broker, the Kafka path. */
    private Capabilities capabilities() {
        Capabilities here = target.capabilities();
        return broker == null ? here : here.withKafkaPath(kafkaThroughProxy ? Capability.of(broker.jobsPath())
                : Capability.absent("this run's job reaches the Kafka broker directly, not through the fault proxy"));
    }

    /** The event-time-windows workload's window counts against its generator. Runs after the job stopped writing. */
    public Judgement windowResults() throws Exception {
        return phase("window-results", () -> new io.flinkcertify.harness.oracle.WindowResultsOracle(
                io.flinkcertify.harness.oracle.WindowResultsOracle.Generator.fromArgs(workload.args()))
                .judge(recorder.snapshot()));
    }

    private List<String> instanceIds() {
        return target.instances().stream().map(i -> i.role().name().toLowerCase() + " " + i.id()).toList();
    }

    /** The REST endpoint of the run's cluster (for evidence and teardown checks). */
    public java.net.URI restEndpoint() {
        return target.rest().endpoint();
    }

    /** A probe of the running job now. */
    public JobSnapshot snapshot() {
        return probe.snapshot();
    }

    /** The committed output, for oracles that compare runs (and for tests that prove oracles can fail). */
    public Path outputDir() {
        return outputDir;
    }

    private Duration finishTimeout() {
        long records = workload.records().orElse(0);
        double rate = workload.rate().orElse(-1);
        long expectedSeconds = rate > 0 ? (long) Math.ceil(records / rate) : 300;
        return Duration.ofSeconds(2 * expectedSeconds + 120);
    }

    @FunctionalInterface
    private interface Phase {
        Judgement run() throws Exception;
    }

    private Judgement phase(String name, Phase body) throws Exception {
        if (blocked != null) {
            throw new TestAbortedException(blocked);
        }
        phase = name;
        try {
            Judgement j = body.run();
            if (!j.passed()) {
                anyFailure = true;
            }
            recorder.append(new RunEvent.Judged(System.currentTimeMillis(), name, j.passed(), j.reason()));
            return j;
        } catch (TargetUnavailable e) {
            blocked = e.getMessage(); // every later phase is skipped for the same reason
            throw e;
        } catch (Exception | Error e) {
            if (!(e instanceof TestAbortedException) && !(e instanceof NotApplicable)) {
                anyFailure = true;
                blocked = "not run: " + name + " failed";
                recorder.append(new RunEvent.Judged(System.currentTimeMillis(), name, false, String.valueOf(e.getMessage())));
            }
            throw e;
        } finally {
            recorder.flush();
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** Stops the job's cluster and removes its files; keeps the logs in the report if anything failed. */
    @Override
    public void close() {
        try {
            if (cluster != null) {
                releaseCluster();
            }
            if (anyFailure && target != null) {
                target.logDir().ifPresent(this::keepLogs);
            }
        } finally {
            try {
                recorder.flush();
            } finally {
                teardown.close();
            }
        }
    }

    /** A job left running on a cluster the run does not own (its phase failed) is cancelled: the slots are the next run's. */
    private void releaseCluster() {
        if (probe == null) {
            return;
        }
        try {
            if (!probe.snapshot().isTerminal()) {
                probe.cancel();
                probe.awaitState("CANCELED", Duration.ofSeconds(60));
            }
        } catch (RuntimeException e) {
            Progress.say(targetKind, "could not cancel " + workload.id() + " on the shared cluster: " + e.getMessage());
        }
    }

    private void keepLogs(Path logDir) {
        Path dest = reportDir.resolve("logs").resolve(targetKind + "-" + workload.id());
        // a target's logs may sit one level down per instance (YARN containers, pods): keep the tree's files
        try (Stream<Path> files = Files.exists(logDir) ? Files.walk(logDir, 3) : Stream.empty()) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path copy = dest.resolve(logDir.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            Progress.say(targetKind, "logs of the failed run kept in " + dest);
        } catch (IOException e) {
            Progress.say(targetKind, "could not keep logs: " + e.getMessage());
        }
    }
}
