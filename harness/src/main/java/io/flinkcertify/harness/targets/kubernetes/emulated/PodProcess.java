package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.targets.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The running container of one pod on this node: its process, address, directory and restarts. */
final class PodProcess {

    final String namespace;
    final String name;
    final String uid;
    final String ip;
    final Role role;
    final Path dir;
    final Path logFile;
    private volatile ManagedProcess process;
    private JavaCommand command;
    private int restarts;
    private long exitSeenAt = -1;
    private boolean backOffReported;
    private String hosts = "";

    PodProcess(String namespace, String name, String uid, String ip, Role role, Path dir, Path logFile) {
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
        this.ip = ip;
        this.role = role;
        this.dir = dir;
        this.logFile = logFile;
    }

    void started(ManagedProcess started, JavaCommand how) {
        this.process = started;
        this.command = how;
    }

    /** How the container's process was started: a restart starts it the same way. */
    JavaCommand command() {
        return command;
    }

    ManagedProcess process() {
        return process;
    }

    long pid() {
        ManagedProcess p = process;
        return p == null ? -1 : p.pid();
    }

    boolean alive() {
        ManagedProcess p = process;
        return p != null && p.isAlive();
    }

    int restarts() {
        return restarts;
    }

    void restarted(ManagedProcess next) {
        restarts++;
        this.process = next;
        exitSeenAt = -1;
        backOffReported = false;
    }

    /** When the node first saw the current process ended (now, on the first call after an exit). */
    long exitSeen() {
        if (exitSeenAt < 0) {
            exitSeenAt = System.currentTimeMillis();
        }
        return exitSeenAt;
    }

    /** True once per exit: the back-off is reported to the API server a single time. */
    boolean reportBackOffOnce() {
        boolean first = !backOffReported;
        backOffReported = true;
        return first;
    }

    Path hostsFile() {
        return dir.resolve("hosts");
    }

    /** Rewrites the pod's hosts file if resolution changed; atomically, because the JVM may read it any time. */
    void resolve(String content) {
        if (content.equals(hosts)) {
            return;
        }
        try {
            Path tmp = dir.resolve("hosts.tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, hostsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            hosts = content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void kill() {
        ManagedProcess p = process;
        if (p != null) {
            p.kill();
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " (" + ip + ", pid " + pid() + ")";
    }
}
