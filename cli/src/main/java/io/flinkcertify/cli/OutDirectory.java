package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code --out} folder. It belongs to the user (it may well be {@code $HOME}), so the harness writes only its own
 * outputs there and on the next run removes only the files it wrote itself. A marker file ({@value #MARKER}) names
 * the folder as one the harness created or adopted and lists what its last run wrote; it holds paths only.
 *
 * <p>Rules: a missing folder is created, an empty one adopted. A non-empty folder without the marker is refused
 * unless {@code --force}. Either way an output path (e.g. {@code junit/}) that exists but is not the harness's is
 * refused: the harness cannot know every file name it will write there, so sharing it could overwrite a user file.
 */
final class OutDirectory {

    static final String MARKER = ".flink-certify-out";
    /** The top-level names a run writes under OUT; nothing else is ever written there (besides the marker). */
    static final List<String> OUTPUTS = List.of("checks", "junit", "allure-results", "logs", "runs", "verdict.json",
            "report.html", "allure-report", ParallelLanes.DIR);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The marker's content.
     *
     * @param owner    always {@code flink-certify}: what the file is, for a person who finds it
     * @param run      the run id that wrote it
     * @param complete false while a run is under way (a killed run leaves false: then {@code written} is unknown
     *                 and everything under {@code owns} except {@code foreign} counts as written)
     * @param owns     the top-level outputs the harness created
     * @param written  the files (relative, '/'-separated) the run wrote; the next run deletes exactly these
     * @param foreign  the files under {@code owns} that were there before the run started: the user's, never touched
     */
    record Marker(String owner, String note, String run, boolean complete, List<String> owns, List<String> written,
                  List<String> foreign) {
        static final String OWNER = "flink-certify";
        static final String NOTE = "This folder holds flink-certify outputs. The next run deletes only the files "
                + "listed under 'written'; everything else here is left alone.";
    }

    private final Path root;
    private final Marker previous;
    private Set<String> foreign = Set.of();

    private OutDirectory(Path root, Marker previous) {
        this.root = root;
        this.previous = previous;
    }

    Path root() {
        return root;
    }

    /**
     * Checks that a run may use {@code out}, changing nothing on disk.
     *
     * @throws BadInput naming {@code --out} and the fix
     */
    static OutDirectory inspect(Path out, boolean force) {
        return inspect(out, force, MIN_FREE_BYTES);
    }

    /**
     * Room a run needs under OUT before it starts anything: check JSON, JUnit, Allure and run records with copies of
     * the committed output (a few MiB per job x target for the reference batch). A run that fills the disk
     * halfway would leave a verdict it could not finish writing.
     */
    static final long MIN_FREE_BYTES = 64L << 20;

    static OutDirectory inspect(Path out, boolean force, long minFreeBytes) {
        Path root = out.toAbsolutePath().normalize();
        requireRoom(root, minFreeBytes);
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(root)) {
                throw new BadInput("--out", root + " is a file, not a directory", "pass a directory (new or empty)");
            }
            if (!Files.isWritable(root) || !Files.isExecutable(root)) {
                throw new BadInput("--out", root + " is not writable", "choose a directory you can write to");
            }
        } else {
            Path ancestor = existingAncestor(root);
            if (!Files.isDirectory(ancestor)) {
                throw new BadInput("--out", ancestor + " is a file, so " + root + " cannot be created",
                        "choose a path whose parent folders are directories");
            }
            if (!Files.isWritable(ancestor) || !Files.isExecutable(ancestor)) {
                throw new BadInput("--out", root + " cannot be created: " + ancestor + " is not writable",
                        "choose a directory you can write to");
            }
            return new OutDirectory(root, null);
        }
        Marker previous = readMarker(root, force);
        if (previous == null && !force && !isEmpty(root)) {
            throw new BadInput("--out", root + " is not empty and was not created by flink-certify",
                    "pass a new or empty directory, or add --force to write the harness's outputs beside your files");
        }
        List<String> owned = previous == null ? List.of() : previous.owns();
        for (String output : OUTPUTS) {
            Path p = root.resolve(output);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && (!owned.contains(output) || Files.isSymbolicLink(p))) {
                throw new BadInput("--out", p + " exists and is not flink-certify's (the run would write there)",
                        "move it away or choose another --out");
            }
        }
        return new OutDirectory(root, previous);
    }

    /** Creates OUT, deletes what the previous run wrote (nothing else), and marks the folder as in use by this run. */
    void prepare(String runId) {
        try {
            Files.createDirectories(root);
            if (previous != null) {
                for (String file : previousWrites()) {
                    deleteOwnFile(file);
                }
            }
            foreign = filesUnderOutputs();
            writeMarker(runId, false, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare --out " + root, e);
        }
    }

    /**
     * For a rerun of failed checks: keeps everything the previous run wrote except the verdict, the report and the
     * check files of the groups that run again ({@code replaced} says which); run records keep their history and
     * the rerun's deployments are appended to them. OUT must be one a run wrote.
     */
    void prepareRerun(String runId, java.util.function.Predicate<Path> replaced) {
        if (previous == null || !previous.complete()) {
            throw new BadInput("--rerun-failed", root + " holds no finished flink-certify run",
                    "pass the --out of a run that finished");
        }
        try {
            for (String file : previousWrites()) {
                Path p = root.resolve(file);
                if (file.equals("verdict.json") || file.equals("report.html")
                        || (file.startsWith("checks/") && replaced.test(p))) {
                    deleteOwnFile(file);
                }
            }
            // what the previous run wrote and this one keeps is still the harness's: the next run deletes it
            foreign = new TreeSet<>(previous.foreign());
            writeMarker(runId, false, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare --out " + root, e);
        }
    }

    /** Records what this run wrote: every file under the outputs that was not there when it started. */
    void finish(String runId) {
        try {
            List<String> written = new ArrayList<>(filesUnderOutputs());
            written.removeAll(foreign);
            writeMarker(runId, true, written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the marker in --out " + root, e);
        }
    }

    private Set<String> previousWrites() throws IOException {
        if (previous.complete()) {
            return new TreeSet<>(previous.written());
        }
        Set<String> guessed = filesUnderOutputs();
        guessed.removeAll(previous.foreign());
        return guessed;
    }

    /** Deletes one file the previous run listed, then its folders if that left them empty (never OUT itself). */
    private void deleteOwnFile(String relative) throws IOException {
        Path file = root.resolve(relative).normalize();
        // a hand-edited marker must not reach outside OUT or outside the harness's outputs
        if (!file.startsWith(root) || file.equals(root) || !OUTPUTS.contains(root.relativize(file).getName(0).toString())) {
            return;
        }
        Path parent = file.getParent();
        // nor through a folder the user has since replaced by a link to somewhere else
        if (!Files.isDirectory(parent) || !parent.toRealPath().equals(root.toRealPath().resolve(root.relativize(parent)))) {
            return;
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(file)) {
            return;
        }
        for (Path dir = file.getParent(); !dir.equals(root) && isEmpty(dir); dir = dir.getParent()) {
            Files.delete(dir);
        }
    }

    private Set<String> filesUnderOutputs() throws IOException {
        Set<String> files = new TreeSet<>();
        for (String output : OUTPUTS) {
            Path p = root.resolve(output);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS))
                        .forEach(f -> files.add(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/")));
            }
        }
        return files;
    }

    private void writeMarker(String runId, boolean complete, List<String> written) throws IOException {
        Marker marker = new Marker(Marker.OWNER, Marker.NOTE, runId, complete, OUTPUTS, List.copyOf(written),
                List.copyOf(foreign));
        Path tmp = root.resolve(MARKER + ".tmp");
        JSON.writeValue(tmp.toFile(), marker);
        Files.move(tmp, root.resolve(MARKER), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Marker readMarker(Path root, boolean force) {
        Path file = root.resolve(MARKER);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Marker m = JSON.readValue(file.toFile(), Marker.class);
            if (Marker.OWNER.equals(m.owner()) && m.owns() != null && m.written() != null && m.foreign() != null) {
                return m;
            }
        } catch (IOException e) {
            // handled below: an unreadable marker vouches for nothing
        }
        if (force) {
            return null;
        }
        throw new BadInput("--out", file + " is not a marker flink-certify can read, so nothing in " + root
                + " is known to be the harness's", "delete the marker, or add --force to write beside the files");
    }

    /** Exit 3 (an environment problem, not bad input) when the filesystem holding OUT is nearly full. */
    private static void requireRoom(Path root, long minFreeBytes) {
        Path existing = existingAncestor(root);
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < minFreeBytes) {
                throw new IllegalStateException("--out: only " + (free >> 20) + " MiB free on the filesystem holding "
                        + root + "; a run needs at least " + (minFreeBytes >> 20) + " MiB there; free space or choose "
                        + "another --out");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("--out: cannot tell how much room the filesystem holding " + root
                    + " has (" + e.getMessage() + "); choose another --out");
        }
    }

    private static Path existingAncestor(Path path) {
        Path p = path;
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
