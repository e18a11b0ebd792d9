package io.flinkcertify.harness.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
    void measuredCpuRisesByWhatTheWorkBurned() throws Exception {
        int units = 200; // about 1 s of CPU at 1x on this machine
        double[] once = measureChildCpu(units);
        double[] twice = measureChildCpu(2 * units);

        // what the child's threads burned on the work by their own CPU clocks, against what /proc showed of the
        // whole tree (shell, JVM start-up and all): the start-up costs the same both times, the rise is the work
        double expectedRise = twice[1] - once[1];
        double rise = twice[0] - once[0];
        System.out.printf("cpu probe: %d more units burned %.3f s by the threads' clocks, /proc rise %.3f s%n",
                units, expectedRise, rise);
        assertTrue(expectedRise > 0.2, "the extra work must be measurable: " + expectedRise + " s");
        assertEquals(expectedRise, rise, 0.2 * expectedRise,
                "CPU for " + units + " more units: /proc rise " + rise + " s, burned " + expectedRise + " s");
    }

    /** {/proc CPU seconds of the shell's whole tree, CPU seconds the child's work threads report they burned}. */
    private static double[] measureChildCpu(int units) throws Exception {
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
            return new double[] {end.cpuSeconds(), Long.parseLong(line.split(" ")[1]) / 1e9};
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
