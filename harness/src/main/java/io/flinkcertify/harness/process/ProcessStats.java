package io.flinkcertify.harness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** What the kernel knows about one of our processes, for evidence (Linux /proc; empty elsewhere or once it is gone). */
public final class ProcessStats {

    /** Peak resident set size so far (VmHWM), in MiB. */
    public static OptionalLong peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux: no figure rather than a made-up one
        }
        return OptionalLong.empty();
    }

    /** {@code id role (pid N, peak RSS M MiB)}: how targets list their instances in facts. */
    public static String describe(io.flinkcertify.harness.targets.Instance instance) {
        OptionalLong rss = peakRssMb(instance.pid());
        return instance.id() + " " + instance.role().name().toLowerCase() + " (pid " + instance.pid()
                + (rss.isPresent() ? ", peak RSS " + rss.getAsLong() + " MiB" : "") + ")";
    }

    private ProcessStats() {}
}
