package io.flinkcertify.harness.metric;

import java.nio.file.Path;

/** Which history a baseline file holds: one metric of one job on one target under one Flink version. */
public record BaselineKey(String job, String target, String flinkVersion, String metric) {

    public BaselineKey {
        for (String part : new String[]{job, target, flinkVersion, metric}) {
            if (part == null || part.isBlank()) {
                throw new IllegalArgumentException("a baseline key needs job, target, Flink version and metric: "
                        + job + "/" + target + "/" + flinkVersion + "/" + metric);
            }
        }
    }

    /** {@code <job>/<target>/flink-<version>/<metric>.json}: one folder per job, so a CI cache can keep a subset. */
    public Path relativePath() {
        return Path.of(segment(job), segment(target), "flink-" + segment(flinkVersion), segment(metric) + ".json");
    }

    /** Target names like {@code yarn-mini->k8s-emulated} hold characters no file name should. */
    private static String segment(String part) {
        String safe = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    @Override
    public String toString() {
        return job + " @ " + target + " (Flink " + flinkVersion + ") " + metric;
    }
}
