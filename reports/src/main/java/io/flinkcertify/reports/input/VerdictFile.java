package io.flinkcertify.reports.input;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * What the report reads of {@code OUT/verdict.json}: its own view, so the report depends on the file's shape and not
 * on the harness classes that write it. Sections other parts of the harness add later (health, performance,
 * baselines, recommendations, diagnoses) are null when absent and the report leaves their section out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerdictFile(String batch, String verdict, String flinkVersion, Long seed, String runId, List<String> reasons,
                          Map<String, Long> counts, List<Job> jobs, List<Performance> performance,
                          List<Comparison> comparisons, List<Trend> baselines, List<Recommendation> recommendations,
                          List<Diagnosis> diagnoses) {

    public VerdictFile {
        reasons = orEmpty(reasons);
        counts = counts == null ? Map.of() : counts;
        jobs = orEmpty(jobs);
        // the run writes its performance figures as the comparison checks' evidence: read them from there
        if (performance == null) {
            performance = ComparisonEvidence.figures(jobs);
        }
        if (comparisons == null) {
            comparisons = ComparisonEvidence.ratios(jobs);
        }
        if (recommendations == null) {
            recommendations = ComparisonEvidence.recommendations(jobs);
        }
    }

    /**
     * One job: its checks and config lint as the run wrote them, and, once the gate scores jobs, its health.
     * The health part names the job {@code job}; the checks part names it {@code id}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(String id, String job, List<Check> checks, List<LintEntry> configLint, Double score, String advice,
                      List<String> reasons, String nextAction, List<Component> components) {
        public Job {
            checks = orEmpty(checks);
            configLint = orEmpty(configLint);
            reasons = orEmpty(reasons);
            components = orEmpty(components);
        }

        public String name() {
            return id != null ? id : job;
        }

        public boolean scored() {
            return score != null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Check(String suite, String target, String name, String status, String reason, CheckEvidence evidence,
                       long durationMs) {
        public boolean failed() {
            return "FAILED".equals(status);
        }

        public boolean skipped() {
            return "SKIPPED".equals(status);
        }

        public String label() {
            return suite + "/" + name + " @ " + target;
        }
    }

    /**
     * The evidence figures the report plots; every other evidence field stays in checks/*.json. A performance
     * comparison's ({@code vs-<baseline>}) carries its baseline, per metric both sides' trials with the ratio, and the
     * resource recommendation.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CheckEvidence(Long submitToRunningMs, Long targetStartMs, Long injectToRunningMs, String baseline,
                                List<MetricEvidence> metrics, String recommendation, String file, List<String> findings) {
        public CheckEvidence(Long submitToRunningMs, Long targetStartMs, Long injectToRunningMs) {
            this(submitToRunningMs, targetStartMs, injectToRunningMs, null, null, null, null, null);
        }

        public CheckEvidence {
            findings = orEmpty(findings);
        }
    }

    /** One metric of a performance comparison: both sides' trials, the ratio with its interval, the outcome. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MetricEvidence(String name, String unit, Trials baselineTrials, Trials targetTrials, Double ratio,
                                 Double low, Double high, String outcome) {}

    /** A figure's trials as the run summarised them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trials(int n, double median, double min, double max, Double cv, List<Double> samples) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LintEntry(String setting, String jobValue, String otherValue, String target, String lint,
                            String finding, String check) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Component(String name, double weight, double score, List<String> measurements,
                            List<Deduction> deductions) {
        public Component {
            measurements = orEmpty(measurements);
            deductions = orEmpty(deductions);
        }
    }

    /**
     * A deduction from a component's score. The gate writes {@code {points, reason, source}}; a plain string (older
     * and hand-written files) is read as its reason, so both shapes render.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deduction(Double points, String reason, String source) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Deduction(@JsonProperty("points") Double points, @JsonProperty("reason") String reason,
                         @JsonProperty("source") String source) {
            this.points = points;
            this.reason = reason;
            this.source = source;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Deduction of(String text) {
            return new Deduction(null, text, null);
        }

        /** How the report prints it: "-2.0: slower launch", or the reason alone when no points were written. */
        @Override
        public String toString() {
            return points == null ? reason : "-" + points + ": " + reason;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Performance(String job, String target, String metric, String unit, double median, double min,
                              double max, Double cv, List<Double> samples) {
        public Performance {
            samples = orEmpty(samples);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comparison(String job, String metric, double ratio, Double low, Double high, String verdict) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trend(String job, String target, String metric, List<TrendPoint> history, List<Integer> changePoints) {
        public Trend {
            history = orEmpty(history);
            changePoints = orEmpty(changePoints);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrendPoint(String runId, String time, double median) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recommendation(String job, String snippet, String given, String used) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Diagnosis(String job, String target, String check, String cause, List<String> evidenceLines) {
        public Diagnosis {
            evidenceLines = orEmpty(evidenceLines);
        }
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
