package io.flinkcertify.harness.targets.yarn;

import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container JVMs of one yarn-mini target, found as a node's operator finds them: by process. Flink launches
 * containers with the target's JVM options, so each carries the target's marker; the container id and the log
 * file come from the command line NodeManager and Flink wrote.
 */
final class YarnContainers {

    private static final Pattern CONTAINER = Pattern.compile("(container_(?:e\\d+_)?\\d+_\\d+_\\d+_\\d+)");
    private static final Pattern LOG_FILE = Pattern.compile("-Dlog\\.file=\"?([^\" ]+)");
    static final String JOBMANAGER_MAIN_PREFIX = "org.apache.flink.yarn.entrypoint.";
    static final String TASKMANAGER_MAIN = "org.apache.flink.yarn.YarnTaskExecutorRunner";

    private final String marker;

    YarnContainers(String marker) {
        this.marker = marker;
    }

    /** A live container JVM of this target. */
    record Container(Instance instance, Optional<Path> logFile) {}

    List<Container> list() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(p -> p.info().commandLine().flatMap(cl -> parse(p.pid(), cl)))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(c -> c.instance().id()))
                .toList();
    }

    Optional<Container> parse(long pid, String commandLine) {
        // whole-token match: target 1's marker is a prefix of target 11's
        if (!(commandLine + " ").contains(marker + " ")) {
            return Optional.empty();
        }
        Matcher id = CONTAINER.matcher(commandLine);
        if (!id.find()) {
            return Optional.empty();
        }
        Role role;
        if (commandLine.contains(TASKMANAGER_MAIN)) {
            role = Role.TASKMANAGER;
        } else if (commandLine.contains(JOBMANAGER_MAIN_PREFIX)) {
            role = Role.JOBMANAGER;
        } else {
            return Optional.empty();
        }
        Matcher log = LOG_FILE.matcher(commandLine);
        return Optional.of(new Container(new Instance(role, id.group(1), pid, "127.0.0.1"),
                log.find() ? Optional.of(Path.of(log.group(1))) : Optional.empty()));
    }

    /** The application attempt a container belongs to: {@code container_[e<epoch>_]<ts>_<app>_<attempt>_<n>}. */
    static int attempt(String containerId) {
        String[] parts = containerId.split("_");
        return Integer.parseInt(parts[parts.length - 2]);
    }

    /** SIGKILLs every container JVM of the target still alive: the last resort of teardown. */
    int killAll() {
        List<Container> left = list();
        left.forEach(c -> ProcessHandle.of(c.instance().pid()).ifPresent(ProcessHandle::destroyForcibly));
        return left.size();
    }
}
