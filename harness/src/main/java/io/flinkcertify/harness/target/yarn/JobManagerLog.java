package io.flinkcertify.harness.target.yarn;

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
 * What a JobManager wrote to its log from a point on: the evidence of how Flink's ZooKeeper client and leader
 * election reacted to a fault (connection SUSPENDED / LOST / RECONNECTED, leadership revoked or granted).
 */
final class JobManagerLog {

    private static final Map<String, Pattern> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("suspended", Pattern.compile("Connection to ZooKeeper suspended|state change: SUSPENDED|ZooKeeper connection SUSPENDED", Pattern.CASE_INSENSITIVE));
        EVENTS.put("lost", Pattern.compile("Connection to ZooKeeper lost|state change: LOST|ZooKeeper connection LOST", Pattern.CASE_INSENSITIVE));
        EVENTS.put("reconnected", Pattern.compile("Connection to ZooKeeper was reconnected|state change: RECONNECTED|ZooKeeper connection RECONNECTED", Pattern.CASE_INSENSITIVE));
        EVENTS.put("leadershipRevoked", Pattern.compile("revoked leadership|lost leadership|Revoke leadership", Pattern.CASE_INSENSITIVE));
        EVENTS.put("leadershipGranted", Pattern.compile("was granted leadership|granted leadership", Pattern.CASE_INSENSITIVE));
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
    static JobManagerLog from(Optional<Path> file, java.util.function.Supplier<Optional<Path>> current) {
        long offset = file.map(f -> {
            try {
                return Files.size(f);
            } catch (IOException e) {
                return 0L;
            }
        }).orElse(0L);
        return new JobManagerLog(file, offset, current);
    }

    /** Counts of each ZooKeeper / leadership event logged since the mark. */
    Map<String, Object> zookeeperEvents() {
        Map<String, Object> counts = new LinkedHashMap<>();
        if (file.isEmpty()) {
            counts.put("log", "no JobManager log found");
            return counts;
        }
        Optional<Path> now = current.get();
        boolean failedOver = now.isPresent() && !now.equals(file);
        String text = tail(file.get(), offset) + (failedOver ? tail(now.get(), 0) : "");
        EVENTS.forEach((name, pattern) -> counts.put(name, pattern.matcher(text).results().count()));
        counts.put("log", file.get().toString());
        if (failedOver) {
            counts.put("newJobManagerLog", now.get().toString());
        }
        return counts;
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
