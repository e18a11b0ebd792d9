package io.flinkcertify.harness.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends one deployment's events and keeps {@code record.json} up to date. Several deployments of the same job
 * x target (integration run, fault run, rehearsals) share one file, each under its own run number; writers of
 * one file take turns.
 */
public final class RunRecorder {

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final String job;
    private final String target;
    private final int run;
    private final List<RunEvent> events = new ArrayList<>();

    private RunRecorder(Path file, String job, String target, int run) {
        this.file = file;
        this.job = job;
        this.target = target;
        this.run = run;
    }

    /** A new run of {@code job} on {@code target}, numbered after those the record file already holds. */
    public static RunRecorder open(Path out, String job, String target) {
        Path file = RecordFile.folder(out, job, target).resolve(RecordFile.NAME).toAbsolutePath();
        synchronized (lock(file)) {
            RecordFile existing = Files.exists(file) ? RecordFile.read(file)
                    : new RecordFile(RecordFile.SCHEMA_VERSION, job, target, List.of());
            int next = existing.runs().stream().mapToInt(RunRecord::run).max().orElse(0) + 1;
            RunRecorder recorder = new RunRecorder(file, job, target, next);
            // reserve the number at once: a second recorder opened before this one's first flush counts it
            existing.with(recorder.snapshot()).write(file);
            return recorder;
        }
    }

    public synchronized void append(RunEvent event) {
        events.add(event);
    }

    /** The record as it stands. */
    public synchronized RunRecord snapshot() {
        return new RunRecord(job, target, run, events, file.getParent());
    }

    /**
     * Copies the committed {@code files} of {@code outputDir} next to the record (the workspace goes with the
     * cluster), and records them: the exactly-once and equivalence oracles judge this copy.
     */
    public void outputCommitted(Path outputDir, List<Path> files) {
        String relative = "run-" + run + "-output";
        Path copy = file.getParent().resolve(relative);
        List<String> names = new ArrayList<>();
        try {
            Files.createDirectories(copy);
            for (Path f : files) {
                String name = outputDir.relativize(f).toString();
                Path dest = copy.resolve(name);
                Files.createDirectories(dest.getParent());
                Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy committed output of " + outputDir + " to " + copy, e);
        }
        append(new RunEvent.OutputCommitted(System.currentTimeMillis(), relative, names));
    }

    public void flush() {
        RunRecord now = snapshot();
        synchronized (lock(file)) {
            RecordFile existing = Files.exists(file) ? RecordFile.read(file)
                    : new RecordFile(RecordFile.SCHEMA_VERSION, job, target, List.of());
            existing.with(now).write(file);
        }
    }

    private static Object lock(Path file) {
        return LOCKS.computeIfAbsent(file, f -> new Object());
    }
}
