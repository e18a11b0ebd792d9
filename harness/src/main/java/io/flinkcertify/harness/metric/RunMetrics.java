package io.flinkcertify.harness.metric;

import io.flinkcertify.harness.capacity.SustainCriteria;
import io.flinkcertify.harness.oracle.CapacityOracle;
import io.flinkcertify.harness.oracle.PerformanceOracle;
import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.workload.Workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This certification's metric samples for the baseline, read from its run records: per job x target, the figures of
 * every performance trial (a run with a throughput window), under the regression detector's metric names. A job
 * without performance trials contributes nothing.
 */
public final class RunMetrics {

    /** The performance oracle's figure names and the baseline metrics they are stored as. */
    private static final Map<String, Metric> STORED_AS = Map.of(
            "records-per-second-per-core", Metric.THROUGHPUT_PER_CORE,
            "launch-ms", Metric.LAUNCH_MS,
            "recovery-to-running-ms", Metric.RECOVERY_MS,
            "checkpoint-p50-ms", Metric.CHECKPOINT_DURATION_MS,
            "peak-rss-bytes", Metric.PEAK_RSS_BYTES);

    public static List<MetricSamples> of(Path out, List<Workload> jobs, String flinkVersion) {
        List<MetricSamples> samples = new ArrayList<>();
        for (RecordFile file : RecordFile.readAll(out)) {
            Workload job = jobs.stream().filter(w -> w.id().equals(file.job())).findFirst().orElse(null);
            if (job == null) {
                continue;
            }
            String jarSha = sha256(job.jar());
            String configHash = sha256(new TreeMap<>(job.flinkConfig()).toString().getBytes());
            PerformanceOracle.trialFigures(file.runs()).forEach((name, values) -> {
                Metric metric = STORED_AS.get(name);
                if (metric != null && !values.isEmpty()) {
                    samples.add(new MetricSamples(file.job(), file.target(), flinkVersion, jarSha, configHash,
                            new Samples(metric, values)));
                }
            });
            // a capacity is one figure per search (its proof is the failed step above it), so one sample per run:
            // the series of runs, not this run's trials, is what shows it moving
            new CapacityOracle(SustainCriteria.DEFAULTS).proven(file.runs()).ifPresent(p -> samples.add(
                    new MetricSamples(file.job(), file.target(), flinkVersion, jarSha, configHash,
                            new Samples(Metric.CAPACITY, List.of(p.rate())))));
        }
        return samples;
    }

    private static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job jar " + file, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunMetrics() {}
}
