package io.flinkcertify.harness.targets.kubernetes.emulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.targets.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM the Flink image's scripts would start for a pod's container: its memory flags (computed for a
 * JobManager, handed over by the client for a TaskManager), the arguments each entrypoint expects, the binds that
 * keep pods apart on one machine, and the pod's own name resolution and log.
 */
final class PodJvm {

    /** Flink's BashJavaUtils as jobmanager.sh runs it: the JobManager's process size turned into JVM flags. */
    interface MemoryPlanner {
        FlinkJvm.MemoryPlan jobManager(List<Path> classpath, Path confDir, List<String> dynamicProperties);
    }

    static final MemoryPlanner BASH_JAVA_UTILS = (classpath, confDir, dynamic) ->
            FlinkJvm.memoryPlan(classpath, FlinkJvm.Role.JOBMANAGER, confDir, dynamic);

    private final MemoryPlanner memory;

    PodJvm(MemoryPlanner memory) {
        this.memory = memory;
    }

    /** The pod's own temporary directory, inside its directory (which the cluster's teardown removes). */
    static Path podTmp(PodProcess process) {
        Path tmp = process.dir.resolve("tmp");
        try {
            java.nio.file.Files.createDirectories(tmp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the pod's temporary directory " + tmp, e);
        }
        return tmp;
    }

    /**
     * {@code env.java.opts.all} and the role's own {@code env.java.opts.jobmanager} / {@code .taskmanager} from the
     * mounted config, split on blanks as config.sh's unquoted expansion splits them. None without a config file.
     */
    static List<String> configuredJavaOptions(Path confDir, Role role) {
        Path file = Stream.of("config.yaml", "flink-conf.yaml").map(confDir::resolve).filter(Files::isRegularFile)
                .findFirst().orElse(null);
        if (file == null) {
            return List.of();
        }
        JsonNode conf;
        try {
            // Flink writes the config map's file as flat "key: value" YAML lines
            conf = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pod's Flink config " + file, e);
        }
        String all = conf.path("env.java.opts.all").asText(conf.path("env.java.opts").asText(""));
        String own = conf.path(role == Role.JOBMANAGER ? "env.java.opts.jobmanager" : "env.java.opts.taskmanager").asText("");
        return Stream.of(all, own).flatMap(o -> Arrays.stream(o.trim().split("\\s+"))).filter(o -> !o.isBlank()).toList();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    JavaCommand command(PodCommand command, List<Path> classpath, Path confDir, Map<String, String> env,
                        PodProcess process) {
        List<String> podOwned = List.of(
                // every pod binds its own address only, so Flink's fixed ports do not collide between pods
                "-D", "jobmanager.bind-host=" + process.ip,
                "-D", "rest.bind-address=" + process.ip,
                "-D", "taskmanager.bind-host=" + process.ip,
                "-D", "taskmanager.host=" + process.ip);
        List<String> jvm = new ArrayList<>(FlinkJvm.JAVA17_OPENS);
        List<String> dynamic = new ArrayList<>(command.arguments());
        if (command.role() == Role.JOBMANAGER) {
            // kubernetes-jobmanager.sh -> jobmanager.sh: BashJavaUtils turns the process size into JVM flags
            FlinkJvm.MemoryPlan plan = memory.jobManager(classpath, confDir, command.arguments());
            jvm.addAll(plan.jvmOptions());
            dynamic.addAll(plan.dynamicProperties());
        } else {
            // the client computed the TaskManager's JVM flags and put them into the pod's environment
            Optional.ofNullable(env.get("FLINK_TM_JVM_MEM_OPTS")).map(s -> Arrays.stream(s.trim().split("\\s+"))
                    .filter(o -> !o.isBlank()).toList()).ifPresent(jvm::addAll);
        }
        // after the memory flags, as flink-console.sh puts FLINK_ENV_JAVA_OPTS after JVM_ARGS: a job's GC or JIT
        // flags reach its pods as they reach its YARN containers (before, a pod ran without them)
        jvm.addAll(configuredJavaOptions(confDir, command.role()));
        Path logConf = process.dir.resolve("log-conf");
        FlinkJvm.writeLogConfig(logConf);
        // taskmanager.sh passes --configDir; the Kubernetes JobManager entrypoints read FLINK_CONF_DIR and parse
        // -D options only (an unknown leading option would make them ignore every -D after it)
        List<String> arguments = new ArrayList<>(command.role() == Role.TASKMANAGER
                ? List.of("--configDir", confDir.toString()) : List.of());
        arguments.addAll(dynamic);
        arguments.addAll(podOwned);
        return JavaCommand.ofCurrentJvm()
                .withClasspath(classpath)
                .withJvmOptions(jvm)
                .withSystemProperty("log.file", process.logFile.toString())
                .withSystemProperty("log4j.configurationFile", logConf.resolve("log4j.properties").toUri().toString())
                .withSystemProperty("jdk.net.hosts.file", process.hostsFile().toString())
                // services move when pods are replaced: do not let the JVM cache a stale answer
                .withSystemProperty("sun.net.inetaddr.ttl", "1")
                // a container's /tmp is its own and goes with it; Flink puts its temporary directories there
                // (io.tmp.dirs, web.tmpdir, the TaskManager's working dir), which a killed pod never removes: with
                // the machine's /tmp they piled up there (459 flink-web-*, 121 executionGraphStore-* seen)
                .withSystemProperty("java.io.tmpdir", podTmp(process).toString())
                .withSystemProperty(Kubelet.POD_PROPERTY, process.namespace + "/" + process.name)
                .withMainClass(command.mainClass())
                .withArguments(arguments)
                .withEnvironment(env)
                .withWorkingDirectory(process.dir);
    }
}
