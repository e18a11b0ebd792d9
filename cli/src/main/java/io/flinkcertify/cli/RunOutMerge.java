package io.flinkcertify.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts the OUTs of runs over disjoint jobs of one batch into one OUT: their check files, run records, logs and Allure
 * results side by side, each run's JUnit XML in a folder of its own. Shared by {@code bin/certify merge} (the OUTs of
 * CI shards, copied: they are the user's) and {@code --parallel} (the lanes' OUTs inside OUT, moved: they are ours).
 */
final class RunOutMerge {

    /** What is taken from each run as it is: its jobs' files, disjoint from the other runs'. */
    static final List<String> TAKEN = List.of("checks", "runs", "logs", "allure-results");
    /** Written from the whole verdict at the end (ReportCommand.writeReports), so not taken from any run. */
    private static final List<String> REGENERATED = List.of("allure-results/categories.json",
            "allure-results/environment.properties");

    /** A file (relative to an OUT) that two of the runs hold: the OUTs are not of disjoint jobs. */
    record Clash(String relative, Path first, Path second) {}

    private RunOutMerge() {
    }

    /**
     * The files to take (relative to a run's OUT), each with the OUT that holds it; a clash is reported before
     * anything is written.
     */
    static Map<String, Path> plan(List<Path> outs, java.util.function.Consumer<Clash> onClash) throws IOException {
        Map<String, Path> owner = new LinkedHashMap<>();
        for (Path out : outs) {
            for (String dir : TAKEN) {
                for (String relative : filesUnder(out, dir)) {
                    if (REGENERATED.contains(relative)) {
                        continue;
                    }
                    Path earlier = owner.putIfAbsent(relative, out);
                    if (earlier != null) {
                        onClash.accept(new Clash(relative, earlier, out));
                    }
                }
            }
        }
        return owner;
    }

    /** Copies (or moves) the planned files into {@code root}, and {@code out/junit} to {@code root/junit/<junitDir>}. */
    static void take(Path root, Map<String, Path> planned, Map<Path, String> junitDirs, boolean move) throws IOException {
        for (Map.Entry<String, Path> file : planned.entrySet()) {
            Path source = file.getValue().resolve(file.getKey());
            if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                transfer(source, target, move);
            }
        }
        for (Map.Entry<Path, String> junit : junitDirs.entrySet()) {
            Path from = junit.getKey().resolve("junit");
            if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path to = root.resolve("junit").resolve(junit.getValue());
            try (Stream<Path> files = Files.walk(from)) {
                for (Path p : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    Files.createDirectories(target.getParent());
                    transfer(p, target, move);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static void transfer(Path source, Path target, boolean move) throws IOException {
        if (move) {
            Files.move(source, target);
        } else {
            Files.copy(source, target);
        }
    }

    private static List<String> filesUnder(Path root, String dir) throws IOException {
        Path start = root.resolve(dir);
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
