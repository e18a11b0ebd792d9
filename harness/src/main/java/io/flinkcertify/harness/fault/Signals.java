package io.flinkcertify.harness.fault;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** SIGSTOP / SIGCONT for freezes: the JDK can only terminate processes, so this goes through kill(1). */
public final class Signals {

    public static void stop(long pid) {
        send("-STOP", pid);
    }

    public static void resume(long pid) {
        send("-CONT", pid);
    }

    /** The process state letter from /proc (T = stopped), as evidence that a freeze took effect. */
    public static String state(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void send(String signal, long pid) {
        try {
            Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + new String(p.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill " + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }

    private Signals() {}
}
