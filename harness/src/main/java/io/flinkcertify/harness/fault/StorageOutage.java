package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.process.RunId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoint storage that is down: the checkpoint directory is moved aside and a plain file takes its place, so
 * every mkdirs, write and read under it fails with an I/O error, as against a storage service that is unreachable.
 * Tasks cannot write their state, the JobManager cannot write a checkpoint's metadata or read one back to restore
 * from. Revert moves the directory back. Only a directory inside this run's own workspace is ever touched, so the
 * fault cannot reach storage the harness does not own (a kubeconfig target's shared storage, say).
 */
public final class StorageOutage {

    private static final String MARKER = "checkpoint storage outage injected by flink-certify run ";

    /**
     * The local directory behind a checkpoint storage location, if it is one this run may cut: a {@code file:} URI
     * (or plain path) inside a workspace of this run.
     */
    public static Optional<Path> cuttable(String checkpointStorage) {
        if (checkpointStorage == null || checkpointStorage.isBlank()) {
            return Optional.empty();
        }
        Path dir;
        if (checkpointStorage.startsWith("file:")) {
            dir = Path.of(URI.create(checkpointStorage));
        } else if (checkpointStorage.startsWith("/")) {
            dir = Path.of(checkpointStorage);
        } else {
            return Optional.empty(); // s3://, hdfs://, ...: a service the harness does not run
        }
        dir = dir.toAbsolutePath().normalize();
        String ours = "flink-certify-" + RunId.current().value() + "-";
        for (Path part : dir) {
            if (part.toString().startsWith(ours)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Cuts {@code checkpointDir} until the injection is closed. */
    public static Injection cut(Fault fault, Path checkpointDir) {
        if (cuttable(checkpointDir.toString()).isEmpty()) {
            throw new IllegalArgumentException("refusing to cut " + checkpointDir + ": it is not inside a workspace of run "
                    + RunId.current().value());
        }
        if (!Files.isDirectory(checkpointDir)) {
            throw new IllegalStateException("checkpoint storage " + checkpointDir + " is not a directory; nothing to cut");
        }
        Path aside = checkpointDir.resolveSibling(checkpointDir.getFileName() + ".outage");
        Path marker = checkpointDir.resolveSibling(checkpointDir.getFileName() + ".outage-marker");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("storage", checkpointDir.toString());
        evidence.put("mechanism", "directory moved aside, a file in its place: every access under it fails");
        try {
            Files.writeString(marker, MARKER + RunId.current().value() + "\n");
            Files.move(checkpointDir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move checkpoint storage " + checkpointDir + " aside", e);
        }
        // registered before anything else can throw: the move is what must be undone
        RevertibleInjection injection = new RevertibleInjection(fault, evidence, () -> restore(checkpointDir, aside, marker, evidence));
        try {
            // Flink may re-create the path between the two renames (a checkpoint's mkdirs): such a directory is
            // moved out of the way, and the marker tried again
            place(checkpointDir, () -> Files.move(marker, checkpointDir, StandardCopyOption.ATOMIC_MOVE), evidence);
            evidence.put("writeWhileDown", probeWrite(checkpointDir));
        } catch (RuntimeException e) {
            throw injection.abort(e);
        }
        return injection;
    }

    private static void restore(Path checkpointDir, Path aside, Path marker, Map<String, Object> evidence) {
        try {
            Files.deleteIfExists(marker);
            place(checkpointDir, () -> {
                // only our marker file is removed: anything else at the path would mean someone else uses it
                if (Files.isRegularFile(checkpointDir) && Files.readString(checkpointDir).startsWith(MARKER)) {
                    Files.delete(checkpointDir);
                }
                Files.move(aside, checkpointDir, StandardCopyOption.ATOMIC_MOVE);
            }, evidence);
            evidence.put("writeAfterRestore", probeWrite(checkpointDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore checkpoint storage " + checkpointDir + " from " + aside, e);
        }
    }

    private interface Move {
        void run() throws IOException;
    }

    /** Runs {@code move} onto {@code path}, first moving aside any directory a writer re-created there. */
    private static void place(Path path, Move move, Map<String, Object> evidence) {
        IOException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Path recreated = path.resolveSibling(path.getFileName() + ".recreated-" + System.nanoTime());
                    Files.move(path, recreated, StandardCopyOption.ATOMIC_MOVE);
                    evidence.merge("recreatedByWritersMeanwhile", 1, (a, b) -> (Integer) a + (Integer) b);
                }
                move.run();
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("cannot place checkpoint storage at " + path + " after 5 attempts", last);
    }

    /** What a writer under the storage path experiences right now: "ok" or the error it gets. */
    static String probeWrite(Path checkpointDir) {
        Path probe = checkpointDir.resolve(".flink-certify-probe");
        try {
            Files.writeString(probe, "probe");
            Files.delete(probe);
            return "ok";
        } catch (IOException e) {
            return "fails: " + e.getClass().getSimpleName();
        }
    }

    private StorageOutage() {}
}
