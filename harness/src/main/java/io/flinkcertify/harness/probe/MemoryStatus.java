package io.flinkcertify.harness.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of one process from {@code /proc/<pid>/status}: now (VmRSS) and the peak so far (VmHWM), in bytes. */
public record MemoryStatus(long rssBytes, long peakRssBytes) {

    public static MemoryStatus parse(String status) {
        long rss = -1;
        long peak = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line) * 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = kilobytes(line) * 1024;
            }
        }
        if (rss < 0 || peak < 0) {
            // kernel threads and zombies have no memory lines
            throw new IllegalArgumentException("no VmRSS/VmHWM lines in /proc/<pid>/status");
        }
        return new MemoryStatus(rss, peak);
    }

    public static Optional<MemoryStatus> read(Path procRoot, long pid) {
        try {
            return Optional.of(parse(Files.readString(procRoot.resolve(Long.toString(pid)).resolve("status"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kilobytes(String line) {
        // "VmRSS:	  123456 kB"
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
