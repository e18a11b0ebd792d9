package io.flinkcertify.harness.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * The content of one baseline file (schema: {@code /flink-certify/baseline.schema.json}): the history of one
 * metric of one job on one target under one Flink version, oldest run first.
 */
public record BaselineFile(int schemaVersion, String job, String target, String flinkVersion, String metric,
                           String unit, Direction direction, List<BaselineRun> runs) {

    public static final int SCHEMA_VERSION = 1;

    public BaselineFile {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " is not " + SCHEMA_VERSION);
        }
        if (direction == null || unit == null) {
            throw new IllegalArgumentException("unit and direction are required");
        }
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    static BaselineFile empty(BaselineKey key, Metric metric) {
        return new BaselineFile(SCHEMA_VERSION, key.job(), key.target(), key.flinkVersion(), key.metric(),
                metric.unit(), metric.direction(), List.of());
    }

    public BaselineKey key() {
        return new BaselineKey(job, target, flinkVersion, metric);
    }

    BaselineFile with(BaselineRun run) {
        List<BaselineRun> more = new ArrayList<>(runs);
        more.add(run);
        return new BaselineFile(schemaVersion, job, target, flinkVersion, metric, unit, direction, more);
    }
}
