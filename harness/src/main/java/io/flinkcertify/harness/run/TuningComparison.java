package io.flinkcertify.harness.run;

import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tuned-vs-default A/B: the same job, target and fault, once with the job's value of a setting and once with the
 * other value, each on a fresh cluster. Both sides must recover and keep exactly-once output; the measured
 * difference (restarts, JobManager replaced, leadership revocations, downtime) is the evidence, and a side that
 * fares worse is a config-lint finding against that value.
 */
public final class TuningComparison {

    private final TargetOptions options;
    private final Path reportDir;

    public TuningComparison(TargetOptions options, Path reportDir) {
        this.options = options;
        this.reportDir = reportDir;
    }

    public Judgement compare(Tuning tuning, Workload workload, String target, Duration grace) throws Exception {
        String[] values = tuning.sides(workload.flinkConfig());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("setting", tuning.setting());
        evidence.put("fault", tuning.fault().describe());
        if (!tuning.companions().isEmpty()) {
            evidence.put("alongside " + tuning.alternative(), tuning.companions());
        }
        Map<String, Object> jobSide = side(tuning.configure(workload, values[0]), target, tuning, grace);
        Map<String, Object> otherSide = side(tuning.configure(workload, values[1]), target, tuning, grace);
        evidence.put("job: " + tuning.setting() + "=" + values[0], jobSide);
        evidence.put("other: " + tuning.setting() + "=" + values[1], otherSide);
        evidence.put("jobValue", values[0]);
        evidence.put("otherValue", values[1]);
        for (Map<String, Object> side : List.of(jobSide, otherSide)) {
            if (side.containsKey("failed")) {
                // a side that never got to the fault measured nothing: no lint entry either way
                return Judgement.fail("a side of the comparison failed: " + side.get("failed"), evidence);
            }
        }
        Finding finding = finding(tuning, values, jobSide, otherSide);
        evidence.put("lint", finding.lint());
        evidence.put("finding", finding.text());
        return Judgement.pass(evidence);
    }

    /** One fresh run: deploy, first checkpoint, the fault, cancel, exactly-once; returns what was measured. */
    private Map<String, Object> side(Workload workload, String target, Tuning tuning, Duration grace) throws Exception {
        Map<String, Object> measured = new LinkedHashMap<>();
        try (JobRun run = new JobRun(workload, target, options, reportDir)) {
            for (Judgement j : List.of(run.deploy(), run.firstCheckpoint())) {
                if (!j.passed()) {
                    measured.put("failed", j.reason());
                    return measured;
                }
            }
            Judgement fault = run.fault(tuning.fault(), grace);
            if (!fault.passed()) {
                // a fault the job did not recover from measured no outcome to compare
                measured.put("failed", fault.reason());
                return measured;
            }
            measured.putAll(Outcome.of(fault.evidence()));
            Judgement cancel = run.finish();
            Judgement exactlyOnce = run.exactlyOnce();
            measured.put("exactlyOnce", exactlyOnce.passed() ? "held" : exactlyOnce.reason());
            if (!cancel.passed() || !exactlyOnce.passed()) {
                measured.put("failed", !cancel.passed() ? cancel.reason() : exactlyOnce.reason());
            }
        }
        return measured;
    }

    /**
     * What the comparison says about the job's value: {@value #FRAGILE} (the other value fared measurably better),
     * {@value #HOLDS} (the job's value fared better) or {@value #NO_DIFFERENCE}; the config lint is made of these.
     */
    record Finding(String lint, String text) {}

    public static final String FRAGILE = "fragile";
    public static final String HOLDS = "holds";
    public static final String NO_DIFFERENCE = "no-difference";

    static Finding finding(Tuning tuning, String[] values, Map<String, Object> job, Map<String, Object> other) {
        long jobHarm = Outcome.harm(job);
        long otherHarm = Outcome.harm(other);
        if (jobHarm > otherHarm) {
            return new Finding(FRAGILE, tuning.setting() + "=" + values[0] + " leaves the job fragile under " + tuning.fault().kind().label()
                    + ": " + Outcome.summary(job) + "; with " + values[1] + ": " + Outcome.summary(other)
                    + " (" + tuning.purpose() + ")");
        }
        if (jobHarm < otherHarm) {
            return new Finding(HOLDS, tuning.setting() + "=" + values[0] + " (the job's value) fares better than " + values[1] + ": "
                    + Outcome.summary(job) + " vs " + Outcome.summary(other));
        }
        long jobDown = Outcome.number(job.get("injectToRunningMs"));
        long otherDown = Outcome.number(other.get("injectToRunningMs"));
        // same harm: downtime decides, but only a difference no scheduling jitter explains (3 s and a quarter)
        boolean bothRecovered = !job.containsKey("failed") && !other.containsKey("failed")
                && job.containsKey("injectToRunningMs") && other.containsKey("injectToRunningMs");
        if (bothRecovered && Math.abs(jobDown - otherDown) >= Math.max(3_000, Math.max(jobDown, otherDown) / 4)) {
            String faster = jobDown < otherDown ? values[0] : values[1];
            String slower = jobDown < otherDown ? values[1] : values[0];
            return new Finding(jobDown > otherDown ? FRAGILE : HOLDS, tuning.setting() + "=" + values[0] + (jobDown > otherDown ? " leaves the job down longer" : " (the job's value) recovers faster")
                    + " under " + tuning.fault().kind().label() + ": RUNNING again after " + Math.min(jobDown, otherDown)
                    + " ms with " + faster + " vs " + Math.max(jobDown, otherDown) + " ms with " + slower
                    + " (" + tuning.purpose() + ")");
        }
        return new Finding(NO_DIFFERENCE, "no difference measured: " + Outcome.summary(job) + " with either value");
    }

    /**
     * What a fault did to a job, reduced to comparable numbers. Every figure is read from evidence the fault check
     * produces; a figure a fault cannot produce (leadership where the HA service cannot be observed) is absent and
     * said to be "not measured", never read as 0.
     */
    static final class Outcome {

        /** Leadership measured by Kubernetes HA: the leader lock's holder changed hands (RecoveryOracle). */
        static final String LEADERSHIP_CHANGES = io.flinkcertify.harness.oracle.RecoveryOracle.LEADERSHIP_CHANGES;
        /** Leadership measured by ZooKeeper HA: revocations the JobManager logged while ZooKeeper was suspended. */
        static final String LEADERSHIP_REVOKED = "leadershipRevoked";

        static Map<String, Object> of(Map<String, Object> faultEvidence) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("restarts", required(faultEvidence, "restarts"));
            outcome.put("jobManagerReplaced", jobManager(required(faultEvidence, "instancesBefore"))
                    .equals(jobManager(required(faultEvidence, "instancesAfterRecovery"))) ? 0L : 1L);
            if (faultEvidence.containsKey(LEADERSHIP_CHANGES)) {
                outcome.put(LEADERSHIP_CHANGES, faultEvidence.get(LEADERSHIP_CHANGES));
            }
            Object revoked = nested(faultEvidence, "injection", "jobManagerSawWhileSuspended", LEADERSHIP_REVOKED);
            if (revoked != null) {
                outcome.put(LEADERSHIP_REVOKED, revoked);
            }
            outcome.put("injectToRunningMs", required(faultEvidence, "injectToRunningMs"));
            outcome.put("injectToCheckpointMs", required(faultEvidence, "injectToCheckpointMs"));
            return outcome;
        }

        /** Ordered badness: a JobManager replaced outweighs restarts, which outweigh leadership lost. */
        static long harm(Map<String, Object> outcome) {
            return 100 * number(outcome.get("jobManagerReplaced")) + 10 * number(outcome.get("restarts"))
                    + Math.min(9, number(outcome.get(LEADERSHIP_CHANGES)) + number(outcome.get(LEADERSHIP_REVOKED)));
        }

        static String summary(Map<String, Object> outcome) {
            String leadership = outcome.containsKey(LEADERSHIP_CHANGES)
                    ? "leadership changed hands " + outcome.get(LEADERSHIP_CHANGES) + "x"
                    : outcome.containsKey(LEADERSHIP_REVOKED) ? "leadership revoked " + outcome.get(LEADERSHIP_REVOKED) + "x"
                    : "leadership not measured";
            return "restarts " + outcome.get("restarts") + ", JobManager replaced " + (number(outcome.get("jobManagerReplaced")) > 0)
                    + ", " + leadership + ", RUNNING again after " + outcome.get("injectToRunningMs") + " ms";
        }

        /** A figure the comparison cannot do without: its absence is a defect of the fault check, not a 0. */
        private static Object required(Map<String, Object> evidence, String key) {
            Object value = evidence.get(key);
            if (value == null) {
                throw new IllegalStateException("the fault's evidence has no '" + key + "' to compare (it has "
                        + evidence.keySet() + ")");
            }
            return value;
        }

        private static String jobManager(Object instances) {
            return instances instanceof List<?> list ? list.stream().map(String::valueOf)
                    .filter(s -> s.startsWith("jobmanager")).findFirst().orElse("") : "";
        }

        private static Object nested(Map<String, Object> map, String... path) {
            Object value = map;
            for (String key : path) {
                value = value instanceof Map<?, ?> m ? m.get(key) : null;
            }
            return value;
        }

        static long number(Object value) {
            return value instanceof Number n ? n.longValue() : 0L;
        }

        private Outcome() {}
    }
}
