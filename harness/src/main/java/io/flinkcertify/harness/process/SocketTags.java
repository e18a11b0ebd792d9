package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Marks every socket of a process, its open connections included, with a net_cls class id that iptables can match
 * ({@code -m cgroup --cgroup}). All local instances share 127.0.0.1, so addresses cannot tell a TaskManager's
 * traffic from a JobManager's; the socket's owner can. Moving a process into a net_cls group re-tags the sockets
 * it already holds, which is what lets a partition cut connections that are open when the fault starts.
 */
public final class SocketTags {

    /**
     * Where the harness mounts a net_cls hierarchy when none is mounted: a path of its own, never inside
     * /sys/fs/cgroup (on a cgroup v2 host a directory there would be a new cgroup). It stays mounted, as a loaded
     * kernel module would; it holds no process once a partition is healed.
     */
    static final Path DEFAULT_MOUNT = Path.of("/run/flink-certify/net_cls");
    private static volatile Optional<Path> hierarchy;

    /** The mounted net_cls hierarchy, mounting it when the kernel has the controller but nothing mounted it. */
    public static synchronized Optional<Path> hierarchy() {
        if (hierarchy == null) {
            hierarchy = find().or(SocketTags::mount);
        }
        return hierarchy;
    }

    private static Optional<Path> find() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // ... mount-point ... - cgroup <source> <super options incl. net_cls>
                String[] halves = line.split(" - ");
                if (halves.length == 2 && halves[1].startsWith("cgroup ")
                        && List.of(halves[1].split("\\s+")[2].split(",")).contains("net_cls")) {
                    return Optional.of(Path.of(halves[0].split(" ")[4]));
                }
            }
        } catch (IOException e) {
            // no mountinfo: no cgroups to use
        }
        return Optional.empty();
    }

    private static Optional<Path> mount() {
        try {
            Files.createDirectories(DEFAULT_MOUNT);
            Process p = new ProcessBuilder("mount", "-t", "cgroup", "-o", "net_cls", "net_cls", DEFAULT_MOUNT.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(DEFAULT_MOUNT) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Puts {@code pid} in a new group {@code name} whose sockets carry {@code classId}; returns the group. */
    public static Path tag(String name, int classId, long pid) {
        Path root = hierarchy().orElseThrow(() -> new IllegalStateException("no net_cls cgroup hierarchy"));
        Path group = root.resolve(name);
        try {
            ProcessRegistry.defaultRegistry().recordSocketTag(group);
            Files.createDirectory(group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create socket tag group " + group, e);
        }
        try {
            Files.writeString(group.resolve("net_cls.classid"), Integer.toUnsignedString(classId));
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
            return group;
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("cannot tag the sockets of pid " + pid + " in " + group, e);
            try {
                untag(group);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** Moves whatever is in {@code group} back to the root (its sockets lose the tag) and removes the group. */
    public static void untag(Path group) {
        // a path read back from a ledger is trusted only as a flink-certify group right under the hierarchy
        if (!group.getFileName().toString().startsWith("flink-certify-") || !Files.isDirectory(group)
                || !hierarchy().map(root -> root.equals(group.getParent())).orElse(false)) {
            return;
        }
        Path rootProcs = group.getParent().resolve("cgroup.procs");
        try {
            for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                try {
                    Files.writeString(rootProcs, pid.trim());
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
            Files.delete(group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove socket tag group " + group, e);
        }
    }

    private SocketTags() {}
}
