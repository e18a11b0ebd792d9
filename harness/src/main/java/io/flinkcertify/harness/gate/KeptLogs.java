package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.run.CheckResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The JobManager log lines a run kept for a failed check: {@code OUT/logs/<target>-<job>/} holds the Flink logs
 * of every job x target with a failure (both targets' for a cross-target check {@code a->b}). JobManager logs are
 * the files whose name says so (Flink's {@code jobmanager} / {@code standalonesession} / YARN's container of the
 * application master); with none so named, every {@code .log} file.
 */
public final class KeptLogs {

    /** A log larger than this is read from its end: the failure is near it. */
    static final int MAX_LINES = 200_000;

    private final Path out;

    public KeptLogs(Path out) {
        this.out = out;
    }

    public List<String> linesFor(CheckResult check) {
        List<String> lines = new ArrayList<>();
        for (String target : check.target().split("->")) {
            Path dir = out.resolve("logs").resolve(target + "-" + check.job());
            if (Files.isDirectory(dir)) {
                jobManagerLogs(dir).forEach(f -> lines.addAll(read(f)));
            }
        }
        return lines;
    }

    private static List<Path> jobManagerLogs(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 4)) {
            List<Path> logs = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")).sorted().toList();
            List<Path> jobManager = logs.stream().filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.contains("jobmanager") || name.contains("standalonesession");
            }).toList();
            return jobManager.isEmpty() ? logs : jobManager;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            List<String> all = lines.toList();
            return all.size() <= MAX_LINES ? all : all.subList(all.size() - MAX_LINES, all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
