package io.flinkcertify.harness.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the CPU probe needs: parent pid and the process's own CPU ticks
 * (utime + stime summed over all its threads; {@code cutime}/{@code cstime} are left out because they only count
 * children the process has already waited for, which the tree walk counts itself while they live).
 */
public record ProcStat(long pid, long ppid, long cpuTicks, long startTicks) {

    /** Identity across samples: a pid the kernel reuses for a new process has another start time. */
    public String identity() {
        return pid + "@" + startTicks;
    }

    /** Parses one stat line. The command name is in parentheses and may itself hold spaces and ')', hence lastIndexOf. */
    public static ProcStat parse(String line) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, line.indexOf(' ')).trim());
        // after ") " field n of proc(5) is f[n - 3]: ppid(4), utime(14), stime(15), starttime(22)
        String[] f = line.substring(close + 2).trim().split(" ");
        return new ProcStat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19]));
    }

    /** Empty once the process is gone (or on a system without /proc). */
    public static Optional<ProcStat> read(Path procRoot, long pid) {
        try {
            return Optional.of(parse(Files.readString(procRoot.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
