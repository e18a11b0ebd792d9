package io.flinkcertify.harness.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed part files under a FileSink output directory. In-progress and pending files are hidden
 * ({@code .part-...inprogress...}); only what a checkpoint committed counts, which is what downstream consumers
 * would read.
 */
public final class CommittedOutput {

    public static List<Path> files(Path outputDir) {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outputDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(outputDir, p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list committed output in " + outputDir, e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private CommittedOutput() {}
}
