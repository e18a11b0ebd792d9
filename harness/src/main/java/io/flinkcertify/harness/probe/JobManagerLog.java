package io.flinkcertify.harness.probe;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a JobManager wrote to its log from a point on: the evidence of how Flink's HA services reacted to a fault
 * (the ZooKeeper connection SUSPENDED / LOST / RECONNECTED; Kubernetes API conflicts and failed lease renewals;
 * leadership revoked or granted).
 */
public final class JobManagerLog {

    /** Events of Flink's ZooKeeper client and leader election. */
    public static final Map<String, Pattern> ZOOKEEPER = new LinkedHashMap<>();
    /** Events of Flink's Kubernetes client and ConfigMap/Lease-based leader election. */
    public static final Map<String, Pattern> KUBERNETES = new LinkedHashMap<>();
    /** How a job's loss of its Kafka broker shows in the JobManager's log: failed tasks and checkpoints. */
    public static final Map<String, Pattern> KAFKA = new LinkedHashMap<>();

    /** The JobManager giving up leadership (ZooKeeper or Kubernetes HA alike). */
    public static final Pattern LEADERSHIP_REVOKED = Pattern.compile("revoked leadership|lost leadership|Revoke leadership", Pattern.CASE_INSENSITIVE);

    static {
        ZOOKEEPER.put("suspended", Pattern.compile("Connection to ZooKeeper suspended|state change: SUSPENDED|ZooKeeper connection SUSPENDED", Pattern.CASE_INSENSITIVE));
        ZOOKEEPER.put("lost", Pattern.compile("Connection to ZooKeeper lost|state change: LOST|ZooKeeper connection LOST", Pattern.CASE_INSENSITIVE));
        ZOOKEEPER.put("reconnected", Pattern.compile("Connection to ZooKeeper was reconnected|state change: RECONNECTED|ZooKeeper connection RECONNECTED", Pattern.CASE_INSENSITIVE));
        Pattern revoked = LEADERSHIP_REVOKED;
        Pattern granted = Pattern.compile("was granted leadership|granted leadership", Pattern.CASE_INSENSITIVE);
        ZOOKEEPER.put("leadershipRevoked", revoked);
        ZOOKEEPER.put("leadershipGranted", granted);
        KUBERNETES.put("conflicts409", Pattern.compile("Code: 409|status code 409|object has been modified|\\bConflict\\b"));
        KUBERNETES.put("leaseRenewFailures", Pattern.compile("Failed to (renew|update) lease|renew deadline|Exception occurred while renewing", Pattern.CASE_INSENSITIVE));
        KUBERNETES.put("apiRequestFailures", Pattern.compile("KubernetesClientException"));
        KUBERNETES.put("leadershipRevoked", revoked);
        KUBERNETES.put("leadershipGranted", granted);
        KAFKA.put("kafkaErrors", Pattern.compile("org\\.apache\\.kafka\\.common\\.errors\\.\\w+|KafkaException"));
        KAFKA.put("tasksFailed", Pattern.compile("switched from RUNNING to FAILED"));
        KAFKA.put("checkpointsFailed", Pattern.compile("Failed to trigger checkpoint|Checkpoint \\d+ of job \\w+ (expired|failed)|declined checkpoint|Decline checkpoint", Pattern.CASE_INSENSITIVE));
    }

    private final Optional<Path> file;
    private final long offset;
    private final java.util.function.Supplier<Optional<Path>> current;

    private JobManagerLog(Optional<Path> file, long offset, java.util.function.Supplier<Optional<Path>> current) {
        this.file = file;
        this.offset = offset;
        this.current = current;
    }

    /**
     * Marks the log's current end; later reads see only what comes after, plus the whole log of whichever
     * JobManager {@code current} names by then if a failover replaced the first.
     */
    public static JobManagerLog from(Optional<Path> file, java.util.function.Supplier<Optional<Path>> current) {
        long offset = file.map(f -> {
            try {
                return Files.size(f);
            } catch (IOException e) {
                return 0L;
            }
        }).orElse(0L);
        return new JobManagerLog(file, offset, current);
    }

    /** The current JobManager's whole log (no mark). */
    public static JobManagerLog whole(java.util.function.Supplier<Optional<Path>> current) {
        Optional<Path> file = current.get();
        return new JobManagerLog(file, 0L, () -> file);
    }

    /** "leadership revoked N time(s), granted M time(s)" over what this view reads; empty without a log. */
    public Optional<String> leadershipSummary() {
        return count(LEADERSHIP_REVOKED).isPresent()
                ? Optional.of("leadership revoked " + count(LEADERSHIP_REVOKED).getAsLong() + " time(s), granted "
                        + count(KUBERNETES.get("leadershipGranted")).orElse(0) + " time(s) (" + file.get() + ")")
                : Optional.empty();
    }

    private static final Pattern SESSION_ASKED = Pattern.compile("Initiating client connection, connectString=\\S+ sessionTimeout=(\\d+)");
    private static final Pattern SESSION_NEGOTIATED = Pattern.compile("Session establishment complete on server .*negotiated timeout = (\\d+)");

    /**
     * The first ZooKeeper session the JobManager's client opened: {@code "asked 60000 ms, negotiated 40000 ms"} as
     * its log states them (the server caps the session at 20 ticks). Empty without a log or a session in it.
     */
    public Optional<String> zookeeperSession() {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String text = tail(file.get(), offset);
        var asked = SESSION_ASKED.matcher(text);
        var negotiated = SESSION_NEGOTIATED.matcher(text);
        return negotiated.find() ? Optional.of((asked.find() ? "asked " + asked.group(1) + " ms, " : "")
                + "negotiated " + negotiated.group(1) + " ms") : Optional.empty();
    }

    /** Counts of each ZooKeeper / leadership event logged since the mark. */
    public Map<String, Object> zookeeperEvents() {
        return events(ZOOKEEPER);
    }

    /** Counts of each of {@code events} logged since the mark. */
    public Map<String, Object> events(Map<String, Pattern> events) {
        Map<String, Object> counts = new LinkedHashMap<>();
        if (file.isEmpty()) {
            counts.put("log", "no JobManager log found");
            return counts;
        }
        Optional<Path> now = current.get();
        boolean failedOver = now.isPresent() && !now.equals(file);
        String text = tail(file.get(), offset) + (failedOver ? tail(now.get(), 0) : "");
        events.forEach((name, pattern) -> counts.put(name, pattern.matcher(text).results().count()));
        counts.put("log", file.get().toString());
        if (failedOver) {
            counts.put("newJobManagerLog", now.get().toString());
        }
        return counts;
    }

    /** How often {@code event} was logged since the mark; empty when there is no log to read. */
    public java.util.OptionalLong count(Pattern event) {
        if (file.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        Optional<Path> now = current.get();
        boolean failedOver = now.isPresent() && !now.equals(file);
        String text = tail(file.get(), offset) + (failedOver ? tail(now.get(), 0) : "");
        return java.util.OptionalLong.of(event.matcher(text).results().count());
    }

    static String tail(Path file, long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= from) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - from, 8 << 20)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
