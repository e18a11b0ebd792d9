package io.flinkcertify.harness.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.rest.FlinkRest;
import io.flinkcertify.harness.rest.RestException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running job's throughput, load and checkpoint cost from Flink's REST API (the same calls on 1.20 and 2.x):
 * the source vertices' {@code numRecordsOutPerSecond} summed over subtasks (Nexmark's throughput), each vertex's
 * back-pressured and busy time per second (worst and mean subtask), and the checkpoint statistics.
 *
 * <p>The source is every vertex of the job plan with no inputs. Its task's records-out counts what leaves the
 * task, so a source chained with a filter reports the filter's output: the rate the rest of the job sees.
 *
 * <p>Field and metric names were checked in flink-runtime 1.20.1 and 2.3.0 (CheckpointStatistics,
 * CheckpointingStatistics.Summary, JobPlanInfo, JobDetailsInfo, MetricNames, the {@code agg} modes): the same on both.
 */
public final class FlinkMetrics {

    static final String RECORDS_OUT = "numRecordsOutPerSecond";
    static final String BACK_PRESSURED = "backPressuredTimeMsPerSecond";
    static final String BUSY = "busyTimeMsPerSecond";

    /** One vertex of the job graph. */
    public record Vertex(String id, String name, int parallelism, boolean source) {}

    /** One vertex's load at one sample: records out per second summed over subtasks, times in ms per second. */
    public record VertexLoad(String vertexId, String name, int parallelism, double recordsOutPerSecond,
                             double backPressuredMsPerSecondMax, double backPressuredMsPerSecondAvg,
                             double busyMsPerSecondMax, double busyMsPerSecondAvg) {}

    /** One throughput sample: the sources' summed rate and every vertex's load. */
    public record ThroughputSample(Instant time, double sourceRecordsPerSecond, List<VertexLoad> vertices) {
        public ThroughputSample {
            vertices = List.copyOf(vertices);
        }

        /** The worst subtask's back-pressured share of time over all vertices, 0..1. */
        public double maxBackPressureRatio() {
            return vertices.stream().mapToDouble(VertexLoad::backPressuredMsPerSecondMax).max().orElse(0) / 1000.0;
        }
    }

    /** Flink's min/avg/max/percentiles of one checkpoint figure over its history window. */
    public record Distribution(double min, double avg, double max, double p50, double p90, double p95, double p99, double p999) {
        static Distribution of(JsonNode n) {
            return n.isMissingNode() || n.isNull() ? null
                    : new Distribution(n.path("min").asDouble(), n.path("avg").asDouble(), n.path("max").asDouble(),
                    n.path("p50").asDouble(), n.path("p90").asDouble(), n.path("p95").asDouble(),
                    n.path("p99").asDouble(), n.path("p999").asDouble());
        }
    }

    /**
     * One checkpoint of the history. Sizes in bytes; {@code stateSizeBytes} is the full state, {@code checkpointedSizeBytes}
     * what this checkpoint wrote (smaller with incremental checkpoints). {@code alignmentBufferedBytes} is null when the
     * Flink version does not report it.
     */
    public record Checkpoint(long id, String status, boolean savepoint, long triggerTimestamp, long endToEndMs,
                             long stateSizeBytes, long checkpointedSizeBytes, Long alignmentBufferedBytes,
                             long processedDataBytes, long persistedDataBytes) {

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** The checkpoint statistics at one moment; a distribution is null where Flink reports none. */
    public record CheckpointStats(Instant time, long completed, long failed, long inProgress, long restored,
                                  Distribution endToEndMs, Distribution stateSizeBytes, Distribution checkpointedSizeBytes,
                                  Distribution alignmentBufferedBytes, Distribution processedDataBytes,
                                  List<Checkpoint> history) {
        public CheckpointStats {
            history = List.copyOf(history);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlinkRest rest;
    private final String jobId;
    private List<Vertex> vertices;

    public FlinkMetrics(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    /** The job's vertices, sources marked (asked once: the graph of a running job does not change). */
    public List<Vertex> vertices() {
        if (vertices == null) {
            vertices = parseVertices(rest.get("/jobs/" + jobId), rest.get("/jobs/" + jobId + "/plan"));
        }
        return vertices;
    }

    /**
     * Samples every vertex's rate and load. Empty while some vertex has not registered the metrics yet (the job is
     * still deploying): a missing metric is not a zero.
     */
    public Optional<ThroughputSample> sample() {
        Instant now = Instant.now();
        List<VertexLoad> loads = new ArrayList<>();
        double sourceRate = 0;
        for (Vertex v : vertices()) {
            Map<String, Aggregate> metrics;
            try {
                metrics = parseAggregates(rest.get("/jobs/" + jobId + "/vertices/" + v.id()
                        + "/subtasks/metrics?get=" + RECORDS_OUT + "," + BACK_PRESSURED + "," + BUSY + "&agg=sum,max,avg"));
            } catch (RestException e) {
                return Optional.empty();
            }
            if (!metrics.keySet().containsAll(List.of(RECORDS_OUT, BACK_PRESSURED, BUSY))) {
                return Optional.empty();
            }
            VertexLoad load = new VertexLoad(v.id(), v.name(), v.parallelism(), metrics.get(RECORDS_OUT).sum(),
                    metrics.get(BACK_PRESSURED).max(), metrics.get(BACK_PRESSURED).avg(),
                    metrics.get(BUSY).max(), metrics.get(BUSY).avg());
            loads.add(load);
            if (v.source()) {
                sourceRate += load.recordsOutPerSecond();
            }
        }
        return Optional.of(new ThroughputSample(now, sourceRate, loads));
    }

    public CheckpointStats checkpoints() {
        return parseCheckpoints(rest.get("/jobs/" + jobId + "/checkpoints"), Instant.now());
    }

    /** An aggregated metric of a vertex's subtasks as {@code /subtasks/metrics?agg=} answers it. */
    record Aggregate(double sum, double max, double avg) {}

    static Map<String, Aggregate> parseAggregates(JsonNode answer) {
        Map<String, Aggregate> out = new HashMap<>();
        for (JsonNode m : answer) {
            out.put(m.path("id").asText(), new Aggregate(m.path("sum").asDouble(), m.path("max").asDouble(), m.path("avg").asDouble()));
        }
        return out;
    }

    /**
     * Vertices from the job details (names, parallelism, in the job's order) and sources from the plan (nodes without
     * inputs). The plan is an object on 1.20 and may come as a JSON string on newer versions; both are read.
     */
    static List<Vertex> parseVertices(JsonNode job, JsonNode planAnswer) {
        JsonNode plan = planAnswer.path("plan");
        if (plan.isTextual()) {
            try {
                plan = JSON.readTree(plan.asText());
            } catch (IOException e) {
                throw new IllegalStateException("job plan of " + job.path("jid").asText() + " is not JSON: " + e.getMessage(), e);
            }
        }
        Map<String, Boolean> hasInputs = new HashMap<>();
        for (JsonNode node : plan.path("nodes")) {
            hasInputs.put(node.path("id").asText(), node.path("inputs").size() > 0);
        }
        List<Vertex> out = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            String id = v.path("id").asText();
            out.add(new Vertex(id, v.path("name").asText(), v.path("parallelism").asInt(), !hasInputs.getOrDefault(id, true)));
        }
        if (out.stream().noneMatch(Vertex::source)) {
            throw new IllegalStateException("job " + job.path("jid").asText() + " has no source vertex in its plan");
        }
        return List.copyOf(out);
    }

    static CheckpointStats parseCheckpoints(JsonNode answer, Instant time) {
        JsonNode counts = answer.path("counts");
        JsonNode summary = answer.path("summary");
        List<Checkpoint> history = new ArrayList<>();
        for (JsonNode c : answer.path("history")) {
            JsonNode alignment = c.path("alignment_buffered");
            history.add(new Checkpoint(c.path("id").asLong(), c.path("status").asText(), c.path("is_savepoint").asBoolean(),
                    c.path("trigger_timestamp").asLong(), c.path("end_to_end_duration").asLong(),
                    c.path("state_size").asLong(), c.path("checkpointed_size").asLong(c.path("state_size").asLong()),
                    alignment.isNumber() ? alignment.asLong() : null,
                    c.path("processed_data").asLong(), c.path("persisted_data").asLong()));
        }
        return new CheckpointStats(time, counts.path("completed").asLong(), counts.path("failed").asLong(),
                counts.path("in_progress").asLong(), counts.path("restored").asLong(),
                Distribution.of(summary.path("end_to_end_duration")), Distribution.of(summary.path("state_size")),
                Distribution.of(summary.path("checkpointed_size")), Distribution.of(summary.path("alignment_buffered")),
                Distribution.of(summary.path("processed_data")), history);
    }
}
