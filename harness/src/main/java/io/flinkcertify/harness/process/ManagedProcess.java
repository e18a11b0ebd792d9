package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the harness launched: wrapped in {@link ParentWatchdog}, tagged with the run id, recorded in the
 * {@link ProcessRegistry}, its output sent to a log file. {@link #close()} ends it and all its descendants.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(8);

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, JavaCommand command, Path log) {
        JavaCommand guarded = guard(command);
        ClassDataArchive.Use sharing = ClassDataArchive.machine().forLaunch(guarded);
        try {
            Files.createDirectories(log.getParent());
            // the log says whether this JVM started from an archive: a launch time is read with it
            Files.writeString(log, "[flink-certify] class-data sharing: " + sharing.state() + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(guarded.withJvmOptions(sharing.jvmOptions()).argv())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            guarded.workingDirectory().ifPresent(dir -> pb.directory(dir.toFile()));
            pb.environment().putAll(guarded.environment());
            Process p = pb.start();
            ProcessRegistry.defaultRegistry().recordProcess(p.toHandle());
            p.onExit().thenRun(sharing.whenEnded());
            return new ManagedProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Wraps the command's main class in the watchdog and marks it with the run id. */
    static JavaCommand guard(JavaCommand command) {
        Path watchdogHome = codeSource(ParentWatchdog.class);
        List<String> args = new ArrayList<>();
        args.add(command.mainClass());
        return JavaCommand.ofCurrentJvm()
                .withClasspath(List.of(watchdogHome))
                .withClasspath(command.classpath())
                .withJvmOptions(command.jvmOptions())
                .withSystemProperties(command.systemProperties())
                .withSystemProperty(RunId.PROPERTY, RunId.current().value())
                .withSystemProperty(ParentWatchdog.PARENT_PID_PROPERTY, Long.toString(ProcessHandle.current().pid()))
                .withMainClass(ParentWatchdog.class.getName())
                .withArguments(args)
                .withArguments(command.arguments())
                .withEnvironment(command.environment())
                .withWorkingDirectory(command.workingDirectory().orElse(null));
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Last lines of the process log, for one-line error messages and reports. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits for a short-lived process to end; its exit code, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) {
        return waitForExit(timeout) ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** The exit code once the process has ended; empty while it runs. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** SIGKILL, as a fault would: no shutdown hooks run in the victim. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitForExit(GRACE);
    }

    /** SIGTERM, then SIGKILL after a grace period; descendants too. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!waitForExit(GRACE)) {
            process.destroyForcibly();
            waitForExit(GRACE);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + ")";
    }
}
