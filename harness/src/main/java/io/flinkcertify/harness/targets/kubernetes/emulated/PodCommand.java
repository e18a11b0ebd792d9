package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.flinkcertify.harness.targets.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Flink image would run for a container's command and args, read as the image's scripts read them:
 * {@code /docker-entrypoint.sh bash -c "kubernetes-jobmanager.sh kubernetes-session -D..."} becomes the session
 * entrypoint's main class with the remaining words as its arguments (after {@code --configDir}, which the kubelet
 * adds once it knows where the config map is).
 */
record PodCommand(Role role, String mainClass, List<String> arguments) {

    private static final String PACKAGE = "org.apache.flink.kubernetes.";
    private static final Map<String, String> JOBMANAGER_MODES = Map.of(
            "kubernetes-session", PACKAGE + "entrypoint.KubernetesSessionClusterEntrypoint",
            "kubernetes-application", PACKAGE + "entrypoint.KubernetesApplicationClusterEntrypoint");
    private static final String TASKMANAGER_MAIN = PACKAGE + "taskmanager.KubernetesTaskExecutorRunner";

    PodCommand {
        arguments = List.copyOf(arguments);
    }

    /** Interprets a container's command and args; anything the Flink image cannot run is an error naming it. */
    static PodCommand of(List<String> command, List<String> args) {
        List<String> argv = new ArrayList<>(command == null ? List.of() : command);
        argv.addAll(args == null ? List.of() : args);
        if (!argv.isEmpty() && argv.get(0).endsWith("docker-entrypoint.sh")) {
            argv.remove(0); // the image's entrypoint runs its arguments as the command
        }
        if (argv.size() >= 3 && argv.get(0).equals("bash") && argv.get(1).equals("-c")) {
            argv = BashWords.split(argv.get(2));
        }
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("the container has no command");
        }
        String script = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        List<String> rest = argv.subList(1, argv.size());
        return switch (script) {
            case "kubernetes-jobmanager.sh" -> {
                String mode = rest.isEmpty() ? "(none)" : rest.get(0);
                String main = JOBMANAGER_MODES.get(mode);
                if (main == null) {
                    throw new IllegalArgumentException("kubernetes-jobmanager.sh mode must be one of "
                            + JOBMANAGER_MODES.keySet() + ", not " + mode);
                }
                yield new PodCommand(Role.JOBMANAGER, main, rest.subList(1, rest.size()));
            }
            case "kubernetes-taskmanager.sh" -> new PodCommand(Role.TASKMANAGER, TASKMANAGER_MAIN, rest);
            default -> throw new IllegalArgumentException("the Flink image cannot run '" + argv.get(0)
                    + "': expected kubernetes-jobmanager.sh or kubernetes-taskmanager.sh");
        };
    }
}
