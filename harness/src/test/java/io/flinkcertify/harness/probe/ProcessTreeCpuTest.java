package io.flinkcertify.harness.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessTreeCpuTest {

    @Test
    void statLineWithSpacesAndParenthesesInTheCommandName() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime prio nice threads itreal starttime
        ProcStat s = ProcStat.parse("4242 (Flink (tm) worker) S 17 4242 4242 0 -1 4194560 10 0 0 0 250 50 999 999 20 0 31 0 123456 0 0");
        assertEquals(4242, s.pid());
        assertEquals(17, s.ppid());
        assertEquals(300, s.cpuTicks(), "utime + stime, not the waited-for children's cutime/cstime");
        assertEquals(123456, s.startTicks());
    }

    @Test
    void memoryStatusInBytes() {
        MemoryStatus m = MemoryStatus.parse("Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t31\n");
        assertEquals(100L << 20, m.rssBytes());
        assertEquals(200L << 20, m.peakRssBytes());
    }

    @Test
    void countsTheWholeTreeOnlyAndKeepsTheCpuOfExitedDescendants(@TempDir Path proc) throws IOException {
        fake(proc, 10, 1, 100, 1);   // root
        fake(proc, 11, 10, 40, 2);   // child
        fake(proc, 12, 11, 60, 3);   // grandchild
        fake(proc, 13, 1, 5000, 4);  // unrelated
        ProcessTreeCpu probe = new ProcessTreeCpu(proc, List.of(10L), 100);

        ProcessTreeCpu.Sample first = probe.sample();
        assertEquals(2.0, first.cpuSeconds(), 1e-9);
        assertTrue(Double.isNaN(first.coresUsed()));
        assertEquals(List.of(10L, 11L, 12L), first.memory().stream().map(ProcessTreeCpu.ProcessMemory::pid).sorted().toList());
        assertEquals(3L * (1 << 20), first.rssBytes());

        // the grandchild exits: its CPU stays counted; its pid is then reused by a new process of the tree
        deleteTree(proc.resolve("12"));
        assertEquals(2.0, probe.sample().cpuSeconds(), 1e-9);
        fake(proc, 12, 10, 30, 99);
        ProcessTreeCpu.Sample third = probe.sample();
        assertEquals(2.3, third.cpuSeconds(), 1e-9);
        assertTrue(third.coresUsed() > 0);
    }

    /**
     * A real JVM, started below a shell (so it is a descendant, not the root), burns N and then 2N units of a
     * fixed loop on two threads; the probe's CPU must rise by the units' cost measured in this JVM within 20 %.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void measuredCpuPerUnitOfWorkMatchesTheCalibration() throws Exception {
        double perUnit = calibrateSecondsPerUnit();
        int units = (int) Math.max(4, Math.ceil(1.5 / perUnit)); // about 1.5 s of CPU for the 1x run

        double once = measureChildCpu(units);
        double twice = measureChildCpu(2 * units);

        double expectedRise = units * perUnit;
        double rise = twice - once;
        System.out.printf("cpu probe: %d units, calibrated %.3f s, measured rise %.3f s (1x %.3f s, 2x %.3f s)%n",
                units, expectedRise, rise, once, twice);
        assertEquals(expectedRise, rise, 0.2 * expectedRise,
                "CPU for " + units + " more units: measured " + rise + " s, calibrated " + expectedRise + " s (1x "
                        + once + " s, 2x " + twice + " s)");
    }

    private static double calibrateSecondsPerUnit() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += CpuBurner.unit(i); // let the JIT compile the loop first
        }
        int n = 10;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += CpuBurner.unit(i);
        }
        double perUnit = (threads.getCurrentThreadCpuTime() - start) / 1e9 / n;
        assertTrue(sink != 42 && perUnit > 0);
        return perUnit;
    }

    private static double measureChildCpu(int units) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "'" + java + "' -XX:+UseSerialGC -Xmx64m -cp '" + System.getProperty("java.class.path") + "' "
                + CpuBurner.class.getName() + " " + units + " 2; true"; // '; true' keeps the shell as the parent
        Process shell = new ProcessBuilder("sh", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ProcessTreeCpu probe = new ProcessTreeCpu(List.of(shell.pid()));
            ProcessTreeCpu.Sample start = probe.sample();
            BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream()));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("DONE"), "burner ended without DONE: " + line);
            ProcessTreeCpu.Sample end = probe.sample();
            assertTrue(end.memory().size() >= 2, "shell and JVM both seen: " + end.memory());
            assertTrue(end.coresUsed() > 0 && end.cpuSeconds() > start.cpuSeconds());
            return end.cpuSeconds();
        } finally {
            shell.getOutputStream().close();
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
            shell.waitFor();
        }
    }

    private static void fake(Path proc, long pid, long ppid, long ticks, long start) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (p" + pid + ") S " + ppid
                + " 0 0 0 -1 0 0 0 0 0 " + (ticks - ticks / 4) + " " + ticks / 4 + " 0 0 20 0 1 0 " + start + " 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tp\nVmHWM:\t 2048 kB\nVmRSS:\t 1024 kB\n");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
