package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tuned-vs-default comparison: the same job, target and fault with the job's value of a setting and with the
 * other value, each side's measured outcome per run, and what that says about the job's value (the config lint).
 * The sides are written under {@code job: <setting>=<value>} and {@code other: <setting>=<value>}, one outcome per
 * run in the order run, so the evidence names the values it compared.
 *
 * @param lint null when a side failed before measuring anything (no lint entry either way)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuningAB(String setting, String fault, @JsonIgnore String alternative,
                       @JsonIgnore Map<String, String> companions, @JsonIgnore java.util.List<Outcome> jobSide,
                       @JsonIgnore java.util.List<Outcome> otherSide, String jobValue, String otherValue,
                       @JsonIgnore Lint lint) implements Evidence {

    /**
     * What a fault did to one side, reduced to comparable figures. Leadership is measured either from Kubernetes
     * HA's leader lock changing hands or from ZooKeeper revocations in the JobManager log; where neither was
     * measured both are null and the summary says "not measured", never 0.
     *
     * @param failed why the side did not get to a measured outcome, null when it did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(Long restarts, Long jobManagerReplaced, Long leadershipChanges, Long leadershipRevoked,
                          Long injectToRunningMs, Long injectToCheckpointMs, String exactlyOnce, String failed) {

        public static Outcome failedWith(String reason) {
            return new Outcome(null, null, null, null, null, null, null, reason);
        }

        public Outcome withExactlyOnce(String exactlyOnce, String failed) {
            return new Outcome(restarts, jobManagerReplaced, leadershipChanges, leadershipRevoked, injectToRunningMs,
                    injectToCheckpointMs, exactlyOnce, failed);
        }

        /** Ordered badness: a JobManager replaced outweighs restarts, which outweigh leadership lost. */
        public long harm() {
            return 100 * orZero(jobManagerReplaced) + 10 * orZero(restarts)
                    + Math.min(9, orZero(leadershipChanges) + orZero(leadershipRevoked));
        }

        public String summary() {
            String leadership = leadershipChanges != null ? "leadership changed hands " + leadershipChanges + "x"
                    : leadershipRevoked != null ? "leadership revoked " + leadershipRevoked + "x"
                    : "leadership not measured";
            return "restarts " + restarts + ", JobManager replaced " + (orZero(jobManagerReplaced) > 0) + ", "
                    + leadership + ", RUNNING again after " + injectToRunningMs + " ms";
        }

        private static long orZero(Long value) {
            return value == null ? 0 : value;
        }
    }

    /**
     * What the comparison says about the job's value (against the other value): fragile, holds, no-difference or
     * inconclusive, and why, naming the test, the runs a side and the p-value behind a difference called.
     */
    public record Lint(String jobValue, String otherValue, String verdict, String finding) {}

    @JsonAnyGetter
    Map<String, Object> sides() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!companions.isEmpty()) {
            m.put("alongside " + alternative, companions);
        }
        m.put("job: " + setting + "=" + jobValue, jobSide);
        m.put("other: " + setting + "=" + otherValue, otherSide);
        if (lint != null) {
            m.put("lint", lint.verdict());
            m.put("finding", lint.finding());
        }
        return m;
    }

    @Override
    public String headline() {
        return lint == null ? "setting=" + setting : "lint=" + lint.verdict();
    }
}
