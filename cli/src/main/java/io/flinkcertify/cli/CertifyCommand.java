package io.flinkcertify.cli;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.gate.BadPolicy;
import io.flinkcertify.harness.gate.Gate;
import io.flinkcertify.harness.gate.JobAssessment;
import io.flinkcertify.harness.gate.Policy;
import io.flinkcertify.harness.gate.PolicyLoader;
import io.flinkcertify.harness.metric.BadBaseline;
import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.RunMetrics;
import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.report.SummaryTable;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.metric.Calibration;
import io.flinkcertify.harness.metric.DetectorSettings;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.suite.fault.FaultSuite;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.kubernetes.K3sCluster;
import io.flinkcertify.harness.targets.kubernetes.KubeconfigCluster;
import io.flinkcertify.harness.targets.kubernetes.KubernetesAccess;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.ManifestException;
import io.flinkcertify.harness.workload.ManifestLoader;
import io.flinkcertify.harness.workload.Workload;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@code bin/certify}: certifies a batch of Flink jobs on targets by running the suites through the JUnit
 * Platform launcher (the very classes CI runs), then writes verdict.json, JUnit XML and Allure results and exits
 * with the verdict.
 */
@Command(name = "certify", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {RejudgeCommand.class, CalibrateCommand.class, BaselineCommand.class, ReportCommand.class, MergeCommand.class, EstimateCommand.class},
        description = "Certify a batch of Flink jobs for the move from YARN to Kubernetes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:verdict PASS", "1:verdict FAIL", "2:bad input (flags, manifest)",
                "3:environment error (a target could not start)"})
public final class CertifyCommand implements Callable<Integer> {

    @Option(names = "--batch", paramLabel = "FILE", description = "Batch manifest (YAML). Default: the reference batch.")
    Path batch;

    @Option(names = "--targets", paramLabel = "LIST", split = ",", description = "Targets, comma separated. Default: the embedded defaults.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--suites", paramLabel = "LIST", split = ",", description = "Suites, comma separated: integration, fault, performance. Default: integration,fault.")
    List<String> suites = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory: new, empty, or one an earlier run "
            + "wrote (the run replaces only the files that run wrote). Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("certify-out");

    @Option(names = "--force", description = "Write into a non-empty --out the harness did not create, beside the "
            + "files there (never over them: an output path that exists is still refused).")
    boolean force;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of fault schedules (printed in the report). Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--trials", paramLabel = "N", description = "performance suite: deployments measured per job x target (median, min/max and CV over them). Default: 2 (one job on two targets within 10 minutes); with the regression suite 5 (the calibrated count), at least 4.")
    Integer trials;

    /** --trials, or the default for the suites chosen (the regression suite needs more than the performance suite). */
    private int effectiveTrials = RunSettings.DEFAULT_PERFORMANCE_TRIALS;

    @Option(names = "--capacity-trials", paramLabel = "N", description = "performance suite: the most deployments a capacity search may spend per job x target (the ceiling, a rate just under it, the failed 1.25x step); 0 skips the search. Default: 5.")
    Integer capacityTrials;

    @Option(names = "--faults", paramLabel = "LIST", split = ",", description = "fault suite: only these fault kinds (labels, e.g. taskmanager-kill,zookeeper-suspension), in the schedule and in the tuned-vs-default comparisons. Default: the whole catalogue.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--tunings", paramLabel = "LIST", split = ",", description = "fault suite: only these tuned-vs-default comparisons (settings, e.g. heartbeat.timeout), or 'none' for no comparison (saves two deployments each). Default: every comparison the chosen faults allow.")
    List<String> tunings;

    @Option(names = "--tuning-trials", paramLabel = "N", description = "fault and tuning suites: runs a side of each tuned-vs-default comparison, alternating the two values, each on a fresh cluster. A difference is called only at p < 0.05 by Mann-Whitney U, which needs 4 runs a side; with fewer a comparison reports what it saw as inconclusive. Default: 4.")
    Integer tuningTrials;

    /** Whether the fault suite runs in this certification (the integration suite then leaves it the recoveries). */
    private boolean faultSuiteRuns;

    /** Whether the integration suite runs in this certification (the fault suite then holds its availability window). */
    private boolean integrationSuiteRuns;

    /** Whether the performance suite runs (without it the regression suite's trials measure only what it compares). */
    private boolean performanceSuiteRuns;

    @Option(names = "--verbose", description = "At the end, print every check (the default prints a line per job).")
    boolean verbose;

    @Option(names = "--dry-run", description = "Print what would be deployed and injected; start nothing.")
    boolean dryRun;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig target: the cluster's kubeconfig. Default: $KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig target: the context. Default: the file's current context.")
    String context;

    @Option(names = "--namespace", paramLabel = "NS", description = "kubeconfig target: the namespace to deploy into; must be allow-listed.")
    String namespace;

    @Option(names = "--allow-namespace", paramLabel = "NS", split = ",", description = "kubeconfig target: a namespace the run may deploy to and inject faults into (repeatable).")
    List<String> allowedNamespaces = new ArrayList<>();

    @Option(names = "--flink-image", paramLabel = "REF", description = "kubeconfig/k3s targets: the Flink image pods run (it must hold the job jars for application mode). Default: flink:<version>-java17.")
    String flinkImage;

    @Option(names = "--storage-dir", paramLabel = "URI", description = "kubeconfig target: storage all pods share for checkpoints, savepoints and HA (s3://..., hdfs://...).")
    String storageDir;

    @Option(names = "--policy", paramLabel = "FILE", description = "Gate policy (YAML): component weights, caps, "
            + "advice thresholds, whether HOLD fails the batch. Default: the shipped default policy.")
    Path policyFile;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Baseline directory: this run's metrics are "
            + "compared with the history there (one JSON file per job x target x Flink version x metric).")
    Path baselineDir;

    @Option(names = "--record-baseline", description = "Append this run's metrics to the --baseline directory "
            + "(after comparing them); creates the directory if needed.")
    boolean recordBaseline;

    @Option(names = "--rerun-failed", paramLabel = "OUT", description = "Re-run only the failed checks of the run in "
            + "OUT (each failed check's suite x job x target, with that run's seed), keep every other result, and "
            + "write the merged verdict into OUT. Give --batch if that run certified another batch than the reference.")
    Path rerunFailed;

    @Option(names = "--shard", paramLabel = "I/N", description = "Certify only shard I of N of the batch (e.g. 2/3): "
            + "each job belongs to one shard by a hash of its id, so CI runners can split a batch; put their OUTs "
            + "together with 'bin/certify merge'.")
    String shard;

    @Option(names = "--job", paramLabel = "ID", split = ",", description = "Certify only this job of the batch "
            + "(repeatable, or ids comma separated), e.g. to try one job of a large manifest. Default: all (of the shard).")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "Certify N jobs at once, each with all its targets "
            + "in a child run of its own (own ports, processes, namespaces and output under OUT/lanes), and merge "
            + "them into one verdict. Default: one lane per core, as many as memory holds at 4 GiB each, at most one "
            + "per job; 1 with the performance or regression suite (lanes would measure each other), a re-run or a "
            + "real cluster.")
    Integer parallel;

    /** Set by a --parallel parent on the child run of one job: which lane runs it. */
    @Option(names = "--lane", hidden = true, paramLabel = "K")
    Integer lane;

    @Spec
    CommandSpec spec;

    private Shard shardOf;
    private int lanes = 1;

    private Rerun rerun;
    private List<CheckResult> earlier = List.of();

    private final PrintStream stdout;
    private Policy policy;

    public CertifyCommand() {
        this(System.out);
    }

    CertifyCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    static int execute(PrintStream stdout, PrintStream stderr, String... args) {
        CommandLine cli = new CommandLine(new CertifyCommand(stdout));
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        cli.setParameterExceptionHandler((e, a) -> {
            stderr.println("certify: " + Redaction.apply(e.getMessage()) + "; fix: see 'bin/certify --help'");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof BadInput || e instanceof ManifestException || e instanceof BadPolicy
                    || e instanceof BadBaseline) {
                stderr.println("certify: " + Redaction.apply(e.getMessage()));
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof TargetCannotRun) {
                stderr.println("certify: environment error: " + Redaction.apply(String.valueOf(e.getMessage())));
                return ExitCodes.ENVIRONMENT;
            }
            stderr.println("certify: environment error: " + Redaction.apply(String.valueOf(e.getMessage())));
            return ExitCodes.ENVIRONMENT;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (lane != null) {
            // a --parallel child: it must not outlive the harness that started it, even one that was SIGKILLed
            ParallelLanes.exitWithParent();
        }
        if (shard != null) {
            if (rerunFailed != null) {
                throw new BadInput("--shard", "a re-run keeps the shard of the run it re-runs",
                        "drop --shard (pass the shard's OUT to --rerun-failed)");
            }
            try {
                shardOf = Shard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new BadInput("--shard", e.getMessage(), "give shard I of N as I/N with 1 <= I <= N <= "
                        + Shard.MAX_COUNT + ", e.g. --shard 2/3");
            }
        }
        if (rerunFailed != null) {
            if (!suites.isEmpty() || !targets.isEmpty() || spec.commandLine().getParseResult().hasMatchedOption("--out")) {
                throw new BadInput("--rerun-failed", "re-runs the failed checks' own suites and targets into OUT",
                        "drop --suites, --targets and --out");
            }
            out = rerunFailed;
        }
        // first, and changing nothing: a run must not get as far as starting a target only to fail on its OUT
        OutDirectory outDir = OutDirectory.inspect(out, force);
        policy = policyFile == null ? Policy.defaults() : PolicyLoader.load(policyFile);
        checkBaseline();
        if (rerunFailed != null) {
            rerun = Rerun.of(outDir.root());
            if (rerun.failedChecks().isEmpty()) {
                stdout.println("rerun: no failed check in " + outDir.root() + ": nothing to re-run");
                return ExitCodes.PASS;
            }
            seed = rerun.seed();
            if (rerun.shard() != null) {
                shardOf = Shard.parse(rerun.shard());
            }
        }
        List<String> suiteNames = rerun != null ? rerun.suites() : !suites.isEmpty() ? suites
                : baselineDir != null ? SuiteCatalog.withRegression() : SuiteCatalog.defaults();
        faultSuiteRuns = rerun != null ? rerun.faultSuiteRan() : suiteNames.contains("fault");
        integrationSuiteRuns = rerun != null ? rerun.integrationSuiteRan() : suiteNames.contains("integration");
        performanceSuiteRuns = rerun != null ? rerun.performanceSuiteRan() : suiteNames.contains("performance");
        if (suiteNames.contains("regression") && baselineDir == null) {
            throw new BadInput("--suites", "regression compares this run's performance with a baseline",
                    "add --baseline DIR (and --record-baseline to start one)");
        }
        if (trials != null && trials < 1) {
            throw new BadInput("--trials", "must be at least 1, not " + trials, "give the number of deployments to measure, e.g. --trials 3");
        }
        if (trials != null && !suiteNames.contains("performance") && !suiteNames.contains("regression")) {
            throw new BadInput("--trials", "only the performance suite reads it", "add --suites performance or drop --trials");
        }
        // the regression detector finds nothing with fewer trials a side than its test needs (measured: every metric
        // of a 3-trial run came out INSUFFICIENT_DATA); without --trials it runs the count its calibration used
        int needed = DetectorSettings.DEFAULTS.minSamplesPerSide();
        if (trials != null && suiteNames.contains("regression") && trials < needed) {
            throw new BadInput("--trials", "the regression suite compares at least " + needed + " trials a side "
                    + "(Mann-Whitney U can detect nothing with fewer), not " + trials, "give --trials " + needed + " or more");
        }
        effectiveTrials = trials != null ? trials : suiteNames.contains("regression") ? Calibration.DEFAULT_TRIALS
                : RunSettings.DEFAULT_PERFORMANCE_TRIALS;
        if (capacityTrials != null && (capacityTrials < 0 || capacityTrials == 1 || capacityTrials > 50)) {
            throw new BadInput("--capacity-trials", "must be 0 (no search) or 2 to 50, not " + capacityTrials,
                    "give the most deployments a search may spend, e.g. --capacity-trials 5");
        }
        if (capacityTrials != null && !suiteNames.contains("performance") && !suiteNames.contains("regression")) {
            throw new BadInput("--capacity-trials", "only the performance suite reads it", "add --suites performance or drop --capacity-trials");
        }
        for (String kind : faults) {
            try {
                FaultKind.ofLabel(kind.trim());
            } catch (IllegalArgumentException e) {
                throw new BadInput("--faults", "unknown fault kind '" + kind + "'", "use labels from: "
                        + java.util.Arrays.stream(FaultKind.values()).map(FaultKind::label).collect(java.util.stream.Collectors.joining(",")));
            }
        }
        if (!faults.isEmpty() && !suiteNames.contains("fault") && !suiteNames.contains("tuning")) {
            throw new BadInput("--faults", "only the fault and tuning suites read it", "add --suites fault or drop --faults");
        }
        if (tunings != null) {
            List<String> known = FaultSuite.tuningSettings();
            boolean none = tunings.size() == 1 && RunSettings.NO_TUNINGS.equals(tunings.get(0).trim());
            for (String setting : none ? List.<String>of() : tunings) {
                if (!known.contains(setting.trim())) {
                    throw new BadInput("--tunings", "unknown setting '" + setting.trim() + "'", "use 'none' or settings from: "
                            + String.join(",", known));
                }
            }
            if (!suiteNames.contains("fault") && !suiteNames.contains("tuning")) {
                throw new BadInput("--tunings", "only the fault and tuning suites read it",
                        "add --suites tuning or drop --tunings");
            }
        }
        if (tuningTrials != null && (tuningTrials < 1 || tuningTrials > 20)) {
            throw new BadInput("--tuning-trials", "must be 1 to 20, not " + tuningTrials,
                    "give the runs a side of each comparison, e.g. --tuning-trials 4");
        }
        if (tuningTrials != null && !suiteNames.contains("fault") && !suiteNames.contains("tuning")) {
            throw new BadInput("--tuning-trials", "only the fault and tuning suites read it",
                    "add --suites tuning or drop --tuning-trials");
        }
        List<Class<?>> suiteClasses = suiteNames.stream()
                .flatMap(name -> SuiteCatalog.suiteClasses(name).stream()).distinct().toList();
        List<String> targetKinds = rerun != null ? rerun.targets()
                : targets.isEmpty() ? List.copyOf(TargetCatalog.defaults()) : targets;
        TargetFlags.checkTargets(targetKinds);
        TargetFlags.checkApplicable(spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).toList(), targetKinds);
        if (targetKinds.contains(KubeconfigCluster.KIND)) {
            kubernetesAccess().problem().ifPresent(problem -> {
                int colon = problem.indexOf(':');
                throw new BadInput(problem.substring(0, colon), problem.substring(colon + 2), "see 'bin/certify --help'");
            });
            kubernetesAccess().requireReachable();
        }
        FlinkDistribution distribution = FlinkDistribution.fromClasspath();
        Path manifest = batch != null ? batch : distribution.batchesDir().resolve("reference.yaml");
        Batch whole = new ManifestLoader(distribution.referenceJobJar()).load(manifest);
        for (String id : jobs) {
            if (whole.jobs().stream().noneMatch(j -> j.id().equals(id.trim()))) {
                throw new BadInput("--job", "batch '" + whole.name() + "' has no job '" + id.trim() + "'",
                        "use ids from " + manifest + ": " + whole.jobs().stream().map(Workload::id)
                                .collect(java.util.stream.Collectors.joining(",")));
            }
        }
        Batch loaded = RunSettings.jobsOf(whole, shardOf, jobIdsGiven());
        lanes = lanes(suiteNames, targetKinds, loaded.jobs().size());
        if (rerun != null && !rerun.batch().equals(loaded.name())) {
            throw new BadInput("--batch", outDir.root() + " certified batch '" + rerun.batch() + "', not '" + loaded.name() + "'",
                    "pass that batch's manifest with --batch");
        }
        if (loaded.jobs().isEmpty()) {
            // a small batch over many runners: this runner has nothing to do, which is not a failure of the batch
            stdout.printf("certify: shard %s holds none of batch '%s''s %d job(s): nothing to certify%n", shardOf,
                    whole.name(), whole.jobs().size());
            if (!dryRun) {
                outDir.prepare(RunId.current().value());
                try {
                    RunVerdict.write(outDir.root(), Verdict.ofEmptyShard(whole.name(), distribution.version(), seed,
                            RunId.current().value(), shardOf.toString()));
                } finally {
                    outDir.finish(RunId.current().value());
                }
            }
            return ExitCodes.PASS;
        }

        if (dryRun) {
            if (shardOf != null) {
                stdout.printf("dry run: shard %s: %d of batch '%s''s %d job(s)%n", shardOf, loaded.jobs().size(),
                        whole.name(), whole.jobs().size());
            }
            stdout.print(DryRun.plan(loaded, targetKinds, suiteClasses, distribution, planSettings(manifest, targetKinds, outDir.root()),
                    rerun == null ? Set.of() : rerun.failedChecks()));
            if (lanes > 1) {
                stdout.printf("parallel: %d lanes, jobs longest first: %s%n", lanes, ParallelLanes.longestFirst(
                        laneJobs(loaded, targetKinds, suiteClasses, manifest, outDir.root())).stream()
                        .map(j -> j.id() + " (" + j.plannedChecks() + " checks)").collect(java.util.stream.Collectors.joining(", ")));
            }
            return ExitCodes.PASS;
        }
        // after the input checks (bad input is the user's to fix first), before anything starts
        for (String kind : targetKinds) {
            TargetCatalog.unavailableReason(kind).ifPresent(reason -> {
                throw new TargetCannotRun(reason);
            });
        }
        if (rerun != null) {
            RunSettings settings = planSettings(manifest, targetKinds, outDir.root());
            rerun = rerun.replacing(suiteClasses.stream().flatMap(suite -> SuiteCatalog.planner(suite)
                    .plan(loaded, targetKinds, settings).groups().stream()).toList());
            earlier = new CheckLedger(outDir.root()).read();
            outDir.prepareRerun(RunId.current().value(), rerun::replaces);
        } else {
            outDir.prepare(RunId.current().value());
        }
        try {
            return lanes > 1 ? certifyInLanes(loaded, manifest, targetKinds, suiteClasses, distribution, outDir.root())
                    : certify(loaded, manifest, targetKinds, suiteClasses, distribution, outDir.root());
        } finally {
            outDir.finish(RunId.current().value());
        }
    }

    private int certify(Batch loaded, Path manifest, List<String> targetKinds, List<Class<?>> suiteClasses,
                        FlinkDistribution distribution, Path outDir) throws IOException {
        printHeader(loaded, targetKinds, suiteClasses, distribution, "");
        Progress.redirect(stdout::println);
        System.setProperty("allure.results.directory", outDir.resolve("allure-results").toString());

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suiteClasses.stream().map(c -> selectClass(c)).toList())
                .configurationParameters(parameters(manifest, targetKinds, outDir))
                .build();
        // not closed: it wraps stdout, which the summary still needs
        PrintWriter junitLog = new PrintWriter(stdout, true);
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, new ProgressListener(stdout, plannedChecks(loaded, targetKinds, suiteClasses,
                    planSettings(manifest, targetKinds, outDir))),
                    new LegacyXmlReportGeneratingListener(outDir.resolve("junit"), junitLog));
        } finally {
            Teardown.global().close();
        }
        return judge(loaded, distribution, outDir);
    }

    /**
     * {@code --parallel}: each job in a child run of its own, {@link #lanes} at a time, their OUTs under OUT/lanes
     * moved into OUT, then judged and reported as one run.
     */
    private int certifyInLanes(Batch loaded, Path manifest, List<String> targetKinds, List<Class<?>> suiteClasses,
                               FlinkDistribution distribution, Path outDir) throws IOException, InterruptedException {
        printHeader(loaded, targetKinds, suiteClasses, distribution, ", " + lanes + " lanes");
        Path lanesDir = outDir.resolve(ParallelLanes.DIR);
        // what an earlier run left there is ours (OUT was inspected) and, once prepared, only folders: a lane's OUT
        // must be new or empty
        ParallelLanes.removeEmptyFolders(lanesDir);
        List<ParallelLanes.LaneOutcome> outcomes = new ParallelLanes(lanes, stdout)
                .run(laneJobs(loaded, targetKinds, suiteClasses, manifest, outDir), lanesDir, this::laneArgs);
        List<ParallelLanes.LaneOutcome> judged = outcomes.stream().filter(ParallelLanes.LaneOutcome::judged).toList();
        Map<String, Path> files = RunOutMerge.plan(judged.stream().map(ParallelLanes.LaneOutcome::out).toList(),
                clash -> {
                    throw new IllegalStateException("two lanes wrote " + clash.relative() + ": " + clash.first()
                            + " and " + clash.second());
                });
        Map<Path, String> junitDirs = new LinkedHashMap<>();
        judged.forEach(o -> junitDirs.put(o.out(), "lane-" + o.job()));
        RunOutMerge.take(outDir, files, junitDirs, true);
        ParallelLanes.removeEmptyFolders(lanesDir);
        stdout.printf("parallel: %d job(s) in %d lanes, %d check file(s) merged; slowest job %s%n", outcomes.size(),
                lanes, files.keySet().stream().filter(f -> f.startsWith("checks/")).count(), outcomes.stream()
                        .max(java.util.Comparator.comparing(ParallelLanes.LaneOutcome::took))
                        .map(o -> o.job() + " " + o.took().toSeconds() + " s").orElse("-"));
        int exit = judge(loaded, distribution, outDir);
        List<ParallelLanes.LaneOutcome> broken = outcomes.stream().filter(o -> !o.judged()).toList();
        for (ParallelLanes.LaneOutcome o : broken) {
            stdout.printf("certify: environment error: the lane of job %s ended (exit %d) before its verdict; see %s%n",
                    o.job(), o.exitCode(), lanesDir.resolve(o.job() + ".console.log"));
        }
        return broken.isEmpty() ? exit : ExitCodes.ENVIRONMENT;
    }

    private void printHeader(Batch loaded, List<String> targetKinds, List<Class<?>> suiteClasses,
                             FlinkDistribution distribution, String lanesNote) {
        stdout.printf("certify: batch '%s' (%d job(s)%s%s) on %s, suites %s, Flink %s, seed %d, run %s%n",
                loaded.name(), loaded.jobs().size(), shardOf == null ? "" : ", shard " + shardOf, lanesNote, targetKinds,
                suiteClasses.stream().map(Class::getSimpleName).toList(), distribution.version(), seed, RunId.current());
    }

    /** Judges the checks in OUT with the gate, writes verdict.json and the reports, prints the summary. */
    private int judge(Batch loaded, FlinkDistribution distribution, Path outDir) throws IOException {
        List<CheckResult> results = new CheckLedger(outDir).read();
        if (rerun != null) {
            long kept = rerun.kept(earlier);
            stdout.printf("rerun: %d check(s) re-run for the %d that had failed; %d earlier result(s) kept%n",
                    results.size() - kept, rerun.failed(), kept);
        }
        List<String> jobIds = loaded.jobs().stream().map(Workload::id).toList();
        RunVerdict judged = RunVerdict.judge(new Gate(policy, Optional.ofNullable(baselineDir)
                        .map(d -> BaselineStore.open(d, recordBaseline)), recordBaseline), outDir, loaded.name(), jobIds,
                results, RunMetrics.of(outDir, loaded.jobs(), distribution.version()), distribution.version(), seed,
                RunId.current().value());
        Verdict verdict = shardOf == null ? judged.verdict() : judged.verdict().withShard(shardOf.toString());
        Gate.Outcome gate = judged.gate();
        RunVerdict.write(outDir, verdict);
        if (lane != null) {
            // the parent reads this lane's checks and judges the whole batch: its reports are the ones people read
            stdout.printf("lane %d: %s: %d check(s), %s%n", lane, String.join(",", jobIds), results.size(),
                    verdict.passed() ? "PASS" : "FAIL");
            return verdict.passed() ? ExitCodes.PASS : ExitCodes.VERDICT_FAIL;
        }
        stdout.println();
        if (verbose) {
            stdout.print(SummaryTable.render(verdict));
            stdout.println();
            printGate(gate);
        } else {
            printBaseline(gate);
        }
        return RunVerdict.report(new PrintWriter(stdout, true), outDir, verdict, results);
    }

    /** How many lanes this run certifies in: {@code --parallel}, or the machine's default for what it runs. */
    private int lanes(List<String> suiteNames, List<String> targetKinds, int jobCount) {
        boolean measures = suiteNames.contains("performance") || suiteNames.contains("regression");
        if (parallel != null) {
            if (parallel < 1 || parallel > ParallelLanes.MAX_LANES) {
                throw new BadInput("--parallel", "must be 1 to " + ParallelLanes.MAX_LANES + ", not " + parallel,
                        "give how many jobs to certify at once, e.g. --parallel 2");
            }
            if (parallel > 1 && measures) {
                throw new BadInput("--parallel", "the performance figures need the machine to themselves (lanes would "
                        + "measure each other)", "drop --parallel, or run the performance suite on its own");
            }
            if (parallel > 1 && rerun != null) {
                throw new BadInput("--parallel", "a re-run of failed checks runs in one lane", "drop --parallel");
            }
            return Math.max(1, Math.min(parallel, jobCount));
        }
        // a real cluster's quota is not this machine's: more lanes there is the user's call
        boolean realCluster = targetKinds.contains(KubeconfigCluster.KIND) || targetKinds.contains(K3sCluster.KIND);
        if (measures || rerun != null || realCluster || lane != null) {
            return 1;
        }
        return ParallelLanes.automatic(jobCount, Runtime.getRuntime().availableProcessors(),
                ParallelLanes.availableMemory());
    }

    /** Each job of the batch with its planned check count (a single-job plan): what lanes are handed. */
    private List<ParallelLanes.LaneJob> laneJobs(Batch loaded, List<String> targetKinds, List<Class<?>> suiteClasses,
                                                 Path manifest, Path outDir) {
        RunSettings settings = planSettings(manifest, targetKinds, outDir);
        return loaded.jobs().stream().map(job -> new ParallelLanes.LaneJob(job.id(), plannedChecks(new Batch(
                loaded.name(), loaded.manifest(), List.of(job), loaded.zookeeperTick()), targetKinds, suiteClasses,
                settings))).toList();
    }

    /**
     * A lane's command line: this run's options as the user gave them, minus what the parent keeps (the output,
     * the lanes, the gate's policy and baseline, the summary's verbosity), plus the one job, its OUT and this seed.
     */
    List<String> laneArgs(int laneIndex, String job, Path laneOut) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (PARENT_ONLY.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(option.longestName());
                continue;
            }
            for (String value : option.originalStringValues()) {
                args.add(option.longestName());
                args.add(value);
            }
        }
        args.addAll(List.of("--out", laneOut.toString(), "--job", job, "--parallel", "1",
                "--seed", Long.toString(seed), "--lane", Integer.toString(laneIndex)));
        return args;
    }

    private static final Set<String> PARENT_ONLY = Set.of("--out", "--force", "--parallel", "--job", "--seed",
            "--verbose", "--policy", "--baseline", "--record-baseline", "--dry-run", "--lane");

    private Set<String> jobIdsGiven() {
        return jobs.stream().map(String::trim).filter(j -> !j.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Before anything runs: a baseline that cannot be read is bad input now, not after a 20-minute batch. Only
     * --record-baseline may name a directory that does not exist yet (the gate creates it when recording).
     */
    private void checkBaseline() {
        if (recordBaseline && baselineDir == null) {
            throw new BadInput("--record-baseline", "needs a baseline directory", "add --baseline DIR");
        }
        if (baselineDir != null && (Files.exists(baselineDir) || !recordBaseline)) {
            BaselineStore.open(baselineDir, false).list();
        }
    }

    /** What the baseline said: regressions and recorded files, in the short summary too (they gate the batch). */
    private void printBaseline(Gate.Outcome gate) {
        gate.changes().forEach(c -> stdout.println("regression: " + c.job() + " @ " + c.target() + " " + c.line()));
        gate.recorded().forEach(f -> stdout.println("baseline: recorded " + f));
        if (baselineDir != null && gate.changes().isEmpty() && gate.recorded().isEmpty()) {
            stdout.println("baseline: this run measured no metric samples to compare or record (add --suites performance)");
        }
    }

    private void printGate(Gate.Outcome gate) {
        printBaseline(gate);
        for (JobAssessment a : gate.jobs()) {
            stdout.printf("gate: %s %s %s: %s%n", a.job(), a.score() == null ? "-" : a.score() + "/10", a.advice(),
                    a.nextAction());
            if (a.diagnoses() != null) {
                a.diagnoses().forEach(d -> stdout.println("  diagnosis " + d.check() + ": " + d.summary()));
            }
        }
        if (!gate.batch().rollback().isEmpty()) {
            stdout.println("gate: roll back " + String.join(", ", gate.batch().rollback()));
        }
    }

    /** The checks the suites' own plans hold (what the dry run prints), for the progress line's count. */
    private int plannedChecks(Batch loaded, List<String> targetKinds, List<Class<?>> suiteClasses, RunSettings settings) {
        return suiteClasses.stream().mapToInt(suite -> SuiteCatalog.planner(suite).plan(loaded, targetKinds, settings)
                .groups().stream().mapToInt(g -> g.checks().size()).sum()).sum();
    }

    private KubernetesAccess kubernetesAccess() {
        return new KubernetesAccess(kubeconfig, context, namespace, Set.copyOf(allowedNamespaces), flinkImage, storageDir);
    }

    /** What the suites are told (JUnit configuration parameters), and what the CLI's own plans read: the same. */
    private Map<String, String> parameters(Path manifest, List<String> targetKinds, Path out) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(RunSettings.BATCH, manifest.toAbsolutePath().toString());
        parameters.put(RunSettings.TARGETS, String.join(",", targetKinds));
        parameters.put(RunSettings.OUT, out.toString());
        parameters.put(RunSettings.SEED, Long.toString(seed));
        parameters.put(RunSettings.ONLY, rerun == null ? "" : rerun.only());
        parameters.put(RunSettings.SHARD, shardOf == null ? "" : shardOf.toString());
        parameters.put(RunSettings.JOBS, String.join(",", jobIdsGiven()));
        parameters.put(RunSettings.PERFORMANCE_TRIALS, Integer.toString(effectiveTrials));
        parameters.put(RunSettings.CAPACITY_TRIALS,
                Integer.toString(capacityTrials == null ? RunSettings.DEFAULT_CAPACITY_TRIALS : capacityTrials));
        parameters.put(RunSettings.FAULTS, String.join(",", faults));
        parameters.put(RunSettings.FAULT_SUITE_RUNS, Boolean.toString(faultSuiteRuns));
        parameters.put(RunSettings.INTEGRATION_SUITE_RUNS, Boolean.toString(integrationSuiteRuns));
        parameters.put(RunSettings.PERFORMANCE_SUITE_RUNS, Boolean.toString(performanceSuiteRuns));
        if (tunings != null) {
            parameters.put(RunSettings.TUNINGS, String.join(",", tunings));
        }
        parameters.put(RunSettings.TUNING_TRIALS,
                Integer.toString(tuningTrials == null ? RunSettings.DEFAULT_TUNING_TRIALS : tuningTrials));
        parameters.putAll(kubernetesParameters());
        return parameters;
    }

    private RunSettings planSettings(Path manifest, List<String> targetKinds, Path out) {
        Map<String, String> parameters = parameters(manifest, targetKinds, out);
        return RunSettings.from(key -> Optional.ofNullable(parameters.get(key)));
    }

    private Map<String, String> kubernetesParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        Optional.ofNullable(kubeconfig).ifPresent(k -> parameters.put(RunSettings.KUBECONFIG, k.toAbsolutePath().toString()));
        Optional.ofNullable(context).ifPresent(c -> parameters.put(RunSettings.KUBE_CONTEXT, c));
        Optional.ofNullable(namespace).ifPresent(n -> parameters.put(RunSettings.NAMESPACE, n));
        parameters.put(RunSettings.ALLOWED_NAMESPACES, String.join(",", allowedNamespaces));
        Optional.ofNullable(flinkImage).ifPresent(i -> parameters.put(RunSettings.FLINK_IMAGE, i));
        Optional.ofNullable(storageDir).ifPresent(d -> parameters.put(RunSettings.STORAGE_DIR, d));
        return parameters;
    }
}
