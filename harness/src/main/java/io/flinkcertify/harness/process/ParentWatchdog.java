package io.flinkcertify.harness.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class wrapper for every JVM the harness launches: it halts the child as soon as the harness process is
 * gone, so even a SIGKILLed harness leaves no Flink process behind. Deliberately dependency-free: it runs on the
 * Flink classpath, before any Flink class is loaded.
 *
 * <p>Usage: {@code java -Dflink-certify.parent=<pid> ... ParentWatchdog <real main class> <args...>}, or as a Java
 * agent ({@code -javaagent:<jar>=<pid>}, see {@link WatchdogAgent}) for JVMs that others launch on the harness's
 * behalf, such as YARN containers.
 */
public final class ParentWatchdog {

    public static final String PARENT_PID_PROPERTY = "flink-certify.parent";

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        String parent = System.getProperty(PARENT_PID_PROPERTY);
        if (parent != null) {
            watch(Long.parseLong(parent));
        }
        reportBoot();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Agent entry point: the argument is the harness pid. */
    public static void premain(String parentPid) {
        watch(Long.parseLong(parentPid.trim()));
        reportBoot();
    }

    /**
     * One line on stderr (the process's log) with the time from the process's start to here, before the first
     * Flink class: the JVM's own share of a launch, the part class-data sharing shortens. {@link #BOOT_LINE} starts it.
     */
    private static void reportBoot() {
        ProcessHandle.current().info().startInstant().ifPresent(start -> System.err.println(BOOT_LINE
                + java.time.Duration.between(start, java.time.Instant.now()).toMillis() + " ms"));
    }

    /** How the boot line starts: {@code flink-certify: jvm boot <ms> ms}. */
    public static final String BOOT_LINE = "flink-certify: jvm boot ";

    private static void watch(long parentPid) {
        var handle = ProcessHandle.of(parentPid);
        if (handle.isEmpty()) {
            Runtime.getRuntime().halt(143);
        }
        handle.get().onExit().thenRun(() -> {
            System.err.println("flink-certify: harness process " + parentPid + " is gone, halting");
            Runtime.getRuntime().halt(143);
        });
    }

    private ParentWatchdog() {}
}
