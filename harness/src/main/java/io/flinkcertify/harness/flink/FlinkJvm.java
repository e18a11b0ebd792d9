package io.flinkcertify.harness.flink;

import io.flinkcertify.harness.process.JavaCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Flink's own shell scripts would add to a Flink JVM: the module opens Flink needs on Java 17, the log
 * configuration, and the memory flags derived from the process size by Flink's BashJavaUtils (run as Flink's
 * scripts run it, so JVM heap and direct memory follow the configured process size exactly).
 */
public final class FlinkJvm {

    /** The module flags Flink ships as env.java.opts.all default for Java 17. */
    public static final List<String> JAVA17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    public enum Role {
        JOBMANAGER("GET_JM_RESOURCE_PARAMS"), TASKMANAGER("GET_TM_RESOURCE_PARAMS");

        private final String command;

        Role(String command) {
            this.command = command;
        }
    }

    /** JVM flags and dynamic properties for one role, as computed by Flink itself. */
    public record MemoryPlan(List<String> jvmOptions, List<String> dynamicProperties) {}

    private final FlinkDistribution distribution;

    public FlinkJvm(FlinkDistribution distribution) {
        this.distribution = distribution;
    }

    /** A base command with classpath, opens and log configuration; targets add the entrypoint. */
    public JavaCommand baseCommand(Path confDir, Path logFile) {
        return JavaCommand.ofCurrentJvm()
                .withClasspath(distribution.classpath())
                .withJvmOptions(JAVA17_OPENS)
                .withSystemProperty("log.file", logFile.toString())
                .withSystemProperty("log4j.configurationFile", confDir.resolve("log4j.properties").toUri().toString());
    }

    /** Writes the log4j2 configuration every Flink process of a target uses (one file per process via log.file). */
    public static void writeLogConfig(Path confDir) {
        String config = String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.append = true",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "logger.pekko.name = org.apache.pekko", "logger.pekko.level = WARN",
                "logger.akka.name = akka", "logger.akka.level = WARN",
                "logger.netty.name = org.apache.flink.shaded.netty4", "logger.netty.level = WARN",
                "");
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve("log4j.properties"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs Flink's BashJavaUtils against the written config, as jobmanager.sh / taskmanager.sh do. */
    public MemoryPlan memoryPlan(Role role, Path confDir) {
        return memoryPlan(distribution.classpath(), role, confDir, List.of());
    }

    /**
     * As {@link #memoryPlan(Role, Path)} for a Flink on {@code classpath}, with dynamic properties given on the
     * command line (as a pod's {@code -D} arguments are).
     */
    public static MemoryPlan memoryPlan(List<Path> classpath, Role role, Path confDir, List<String> dynamicProperties) {
        JavaCommand command = JavaCommand.ofCurrentJvm()
                .withClasspath(classpath)
                .withJvmOptions(List.of("-Xmx128m"))
                .withSystemProperty("log4j2.level", "OFF")
                .withMainClass("org.apache.flink.runtime.util.bash.BashJavaUtils")
                .withArguments(List.of(role.command, "--configDir", confDir.toString()))
                .withArguments(dynamicProperties);
        try {
            Process p = new ProcessBuilder(command.argv()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Flink rejected the memory configuration of the " + role
                        + ": " + lastLine(out));
            }
            List<String> results = out.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                    .map(l -> l.substring(RESULT_PREFIX.length()).trim()).toList();
            if (results.size() < 2) {
                throw new IllegalStateException("unexpected BashJavaUtils output for " + role + ": " + lastLine(out));
            }
            return new MemoryPlan(split(results.get(0)), split(results.get(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning memory", e);
        }
    }

    private static List<String> split(String flags) {
        return new ArrayList<>(Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).toList());
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
