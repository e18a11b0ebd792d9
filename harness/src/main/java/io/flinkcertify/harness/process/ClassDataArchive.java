package io.flinkcertify.harness.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing (AppCDS) for the JVMs the harness launches: Flink's JobManagers and TaskManagers in pods and
 * standalone, the Flink client that deploys, the MiniYARN host, the Kafka broker. Each of these loads thousands of
 * classes from the same jars every time it starts; a CDS archive maps them pre-parsed and pre-verified instead.
 * <p>
 * One archive per JDK and class path (each jar's path, size and modification time: a rebuilt jar is another class
 * path), in a machine-wide cache ({@code $XDG_CACHE_HOME/flink-certify/cds}, else {@code ~/.cache/...}), built in
 * three steps across launches so no deployment waits for it: the first launch of a class path records the classes it
 * loads ({@code -XX:DumpLoadedClassList}); once that JVM has ended, the next launch starts a background
 * {@code java -Xshare:dump} over that list; launches after it use the archive ({@code -XX:SharedArchiveFile}). The JVM
 * checks an archive against its class path itself and runs without it (silently) when they differ, so a stale or
 * broken archive costs the sharing, never the launch. Class paths with a folder (classes not in a jar, as under a
 * Maven reactor build) cannot be archived and get nothing. {@code FLINK_CERTIFY_CDS=off} (environment) turns it off.
 * A build waits while a measurement holds a {@link #quiet quiet period}, so no measured window shares the machine
 * with one.
 */
public final class ClassDataArchive {

    /** Environment variable: {@code off} launches every JVM without class-data sharing (for A/B timing). */
    public static final String SWITCH = "FLINK_CERTIFY_CDS";
    /**
     * Archives kept in the cache (least recently used go first): a few per Flink version and checkout. Each holds
     * 60-100 MB (measured: 63, 68 and 103 MB for the deploying client, the pods and the MiniYARN host), and every
     * checkout path is another class path, so the cache is also held to {@link #KEPT_BYTES}.
     */
    static final int KEPT = 8;
    static final long KEPT_BYTES = 1L << 30;

    private static final ClassDataArchive MACHINE = new ClassDataArchive(cacheDir(),
            !"off".equalsIgnoreCase(Optional.ofNullable(System.getenv(SWITCH)).orElse("")));

    private final Path dir;
    private final boolean enabled;
    private final Set<String> dumping = ConcurrentHashMap.newKeySet();
    private final ExecutorService dumper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flink-certify-cds-dump");
        t.setDaemon(true);
        return t;
    });
    private final Set<Process> dumps = ConcurrentHashMap.newKeySet();
    /** Guards {@link #quietPeriods} and {@link #building}: a build starts only when no quiet period is open. */
    private final Object quietLock = new Object();
    private int quietPeriods;
    private int building;

    ClassDataArchive(Path dir, boolean enabled) {
        this.dir = dir;
        this.enabled = enabled;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dumps.forEach(Process::destroyForcibly),
                "flink-certify-cds-stop"));
    }

    /** The machine's archive cache, as {@link #SWITCH} says. */
    public static ClassDataArchive machine() {
        return MACHINE;
    }

    /** What a launch does about class-data sharing: its JVM options, and what to do once the JVM has ended. */
    public record Use(List<String> jvmOptions, Runnable whenEnded, String state) {
        static Use none(String why) {
            return new Use(List.of(), () -> { }, why);
        }
    }

    /** The options for a launch of {@code command} (its class path as the JVM will see it). */
    public Use forLaunch(JavaCommand command) {
        if (!enabled) {
            return Use.none("off (" + SWITCH + "=off)");
        }
        Optional<String> key = command.classpath().isEmpty() ? Optional.empty() : key(command);
        if (key.isEmpty()) {
            return Use.none("none (a class path entry is a folder, which cannot be archived)");
        }
        Path archive = dir.resolve(key.get() + ".jsa");
        Path classList = dir.resolve(key.get() + ".classlist");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive)) {
                Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis())); // recently used
                return new Use(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), () -> { }, "used " + archive);
            }
            if (Files.isRegularFile(classList)) {
                dumpLater(command, key.get(), classList, archive);
                return Use.none("being built from " + classList);
            }
            Path recording = dir.resolve(key.get() + ".classlist." + UUID.randomUUID() + ".part");
            return new Use(List.of("-XX:DumpLoadedClassList=" + recording), () -> finishRecording(recording, classList),
                    "recording " + recording);
        } catch (IOException e) {
            return Use.none("none (" + dir + ": " + e.getMessage() + ")");
        }
    }

    /**
     * A class list is whole once its JVM has ended: only then is it added to the list an archive is built from (the
     * union of what the JVMs of that class path loaded: a JobManager's classes and a TaskManager's).
     */
    private static synchronized void finishRecording(Path recording, Path classList) {
        try {
            if (Files.size(recording) > 0) {
                List<String> merged = new ArrayList<>(Files.isRegularFile(classList)
                        ? Files.readAllLines(classList, StandardCharsets.UTF_8) : List.of());
                Set<String> known = new java.util.HashSet<>(merged);
                for (String line : Files.readAllLines(recording, StandardCharsets.UTF_8)) {
                    if (known.add(line)) {
                        merged.add(line);
                    }
                }
                Path next = recording.resolveSibling(recording.getFileName() + ".merged");
                Files.write(next, merged, StandardCharsets.UTF_8);
                Files.move(next, classList, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // the next launch records again
        }
    }

    private void dumpLater(JavaCommand command, String key, Path classList, Path archive) {
        Path marker = dir.resolve(key + ".dumping");
        if (!dumping.add(key)) {
            return;
        }
        dumper.execute(() -> {
            try {
                if (!claim(marker)) {
                    return; // another harness JVM is building it
                }
                awaitQuietToBuild();
                try {
                    build(command, key, classList, archive);
                } finally {
                    buildEnded();
                }
            } catch (IOException e) {
                // no archive this time: launches go on without one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Files.deleteIfExists(marker);
                } catch (IOException ignored) {
                    // a stale marker names a dead JVM: claim() takes it over
                }
                dumping.remove(key);
            }
        });
    }

    private void build(JavaCommand command, String key, Path classList, Path archive)
            throws IOException, InterruptedException {
        Path partial = dir.resolve(key + ".jsa." + UUID.randomUUID() + ".part");
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + partial, "-cp", classPath(command)));
        Process dump = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve(key + ".dump.log").toFile()).start();
        dumps.add(dump);
        ProcessRegistry.defaultRegistry().recordProcess(dump.toHandle());
        boolean done = dump.waitFor(5, TimeUnit.MINUTES);
        dumps.remove(dump);
        if (done && dump.exitValue() == 0 && Files.isRegularFile(partial)) {
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(classList);
            prune();
        } else {
            dump.destroyForcibly();
            Files.deleteIfExists(partial);
            // a list the JDK cannot archive is not tried again and again: the next launch records anew
            Files.deleteIfExists(classList);
        }
    }

    /**
     * Keeps archive builds off the machine while a measurement runs. A {@code java -Xshare:dump} keeps a core busy
     * for 15-30 s, and the first certification after a fresh checkout or a rebuild starts one per class path (4 in
     * the regression demonstration's first run, all inside its measured trials): on 2 cores a throughput window
     * that shares the machine with one reads fewer records/s, or more CPU per record, than the job costs. While a
     * quiet period is open no build starts (it waits for the period to close); opening one first waits, at most
     * {@code maxWait}, for a build under way to end.
     */
    public Quiet quiet(Duration maxWait) throws InterruptedException {
        long start = System.nanoTime();
        synchronized (quietLock) {
            quietPeriods++;
            try {
                long deadline = start + maxWait.toNanos();
                while (building > 0 && System.nanoTime() < deadline) {
                    TimeUnit.NANOSECONDS.timedWait(quietLock, deadline - System.nanoTime());
                }
            } catch (InterruptedException e) {
                quietPeriods--;
                quietLock.notifyAll();
                throw e;
            }
            return new Quiet(Duration.ofNanos(System.nanoTime() - start), building > 0);
        }
    }

    /**
     * An open quiet period; closing it lets waiting builds start.
     *
     * @param waited             how long opening it waited for a build under way
     * @param buildStillRunning  true when {@code maxWait} ran out first: the measurement shares the machine
     */
    public final class Quiet implements AutoCloseable {
        private final Duration waited;
        private final boolean buildStillRunning;
        private boolean closed;

        private Quiet(Duration waited, boolean buildStillRunning) {
            this.waited = waited;
            this.buildStillRunning = buildStillRunning;
        }

        public Duration waited() {
            return waited;
        }

        public boolean buildStillRunning() {
            return buildStillRunning;
        }

        @Override
        public void close() {
            synchronized (quietLock) {
                if (!closed) {
                    closed = true;
                    quietPeriods--;
                    quietLock.notifyAll();
                }
            }
        }
    }

    /** Waits until no quiet period is open and counts a build as under way; {@link #buildEnded} undoes it. */
    private void awaitQuietToBuild() throws InterruptedException {
        synchronized (quietLock) {
            while (quietPeriods > 0) {
                quietLock.wait();
            }
            building++;
        }
    }

    private void buildEnded() {
        synchronized (quietLock) {
            building--;
            quietLock.notifyAll();
        }
    }

    /** Marks the build as this JVM's unless a live one has marked it. */
    private static boolean claim(Path marker) throws IOException {
        String me = Long.toString(ProcessHandle.current().pid());
        try {
            Files.writeString(marker, me, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            String owner = Files.readString(marker, StandardCharsets.UTF_8).trim();
            boolean live = !owner.isEmpty() && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
            if (live) {
                return false;
            }
            Files.writeString(marker, me, StandardCharsets.UTF_8);
            return true;
        }
    }

    /**
     * Keeps the most recently used archives, at most {@link #KEPT} and {@link #KEPT_BYTES}; older ones mostly belong
     * to jars that were rebuilt or checkouts that are gone.
     */
    private void prune() throws IOException {
        List<Path> archives;
        try (Stream<Path> files = Files.list(dir)) {
            archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted(Comparator.comparing(
                    (Path p) -> p.toFile().lastModified()).reversed()).toList();
        }
        long bytes = 0;
        for (int i = 0; i < archives.size(); i++) {
            bytes += Files.size(archives.get(i));
            if (i >= KEPT || (i > 0 && bytes > KEPT_BYTES)) {
                Files.deleteIfExists(archives.get(i)); // the newest one always stays: it was just built
            }
        }
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.dump.log")) {
            for (Path log : logs) {
                String key = log.getFileName().toString().replace(".dump.log", "");
                if (!Files.exists(dir.resolve(key + ".jsa")) && !Files.exists(dir.resolve(key + ".classlist"))) {
                    Files.deleteIfExists(log);
                }
            }
        }
    }

    /** SHA-256 over the JDK and each class path entry's path, size and time; empty if an entry is a folder. */
    static Optional<String> key(JavaCommand command) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
            for (Path entry : command.classpath()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                long size = Files.isRegularFile(entry) ? Files.size(entry) : -1;
                long time = Files.isRegularFile(entry) ? Files.getLastModifiedTime(entry).toMillis() : -1;
                sha.update(("|" + entry.toAbsolutePath() + "|" + size + "|" + time).getBytes(StandardCharsets.UTF_8));
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest(), 0, 16));
        } catch (NoSuchAlgorithmException | IOException e) {
            return Optional.empty();
        }
    }

    private static String classPath(JavaCommand command) {
        return String.join(java.io.File.pathSeparator, command.classpath().stream().map(Path::toString).toList());
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flink-certify").resolve("cds");
    }
}
