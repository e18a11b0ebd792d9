package io.flinkcertify.harness.lifecycle;

import io.flinkcertify.harness.process.FileTrees;
import io.flinkcertify.harness.process.ProcessRegistry;
import io.flinkcertify.harness.process.RunId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp directory owned by one target or run: created under the work root, recorded in the process registry
 * (so a reaper removes it if the harness dies), deleted on close.
 */
public final class Workspace implements AutoCloseable {

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace create(Path workRoot, String purpose) {
        try {
            Files.createDirectories(workRoot);
            Path dir = Files.createTempDirectory(workRoot, "flink-certify-" + RunId.current().value() + "-" + purpose + "-");
            ProcessRegistry.defaultRegistry().recordDirectory(dir);
            return new Workspace(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under " + workRoot, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory, created on first use. */
    public Path dir(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        FileTrees.delete(root);
    }
}
