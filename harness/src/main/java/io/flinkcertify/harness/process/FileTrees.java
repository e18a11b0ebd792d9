package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive delete for the run's own temp trees. */
public final class FileTrees {

    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (UncheckedIOException ignored) {
            // best effort: a reaper must not fail the run that triggered it
        }
    }

    private FileTrees() {}
}
