package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A short-lived JVM running one of Flink's cluster descriptors (YARN, Kubernetes) on a classpath the harness does
 * not carry. It reports by printing {@code key=value} lines; anything else it prints is log. A deployer that fails
 * or hangs becomes a one-line {@link TargetException} with the tail of its output and where its log is.
 */
public final class DeployerProcess {

    /**
     * The JVM of a deployer named {@code name} ({@code yarn}, {@code k8s}): a small heap (it only talks to the
     * resource manager), Flink's log configuration from {@code confDir}, and its log as {@code <name>-deployer.log}
     * in {@code logDir}, next to the {@code <name>-deployer.out} that {@link #run} reads.
     */
    public static JavaCommand command(String name, List<Path> classpath, Path confDir, Path logDir, String mainClass,
                                      List<String> args) {
        return JavaCommand.ofCurrentJvm()
                .withClasspath(classpath)
                .withJvmOptions(FlinkJvm.JAVA17_OPENS)
                .withJvmOptions(List.of("-Xmx256m"))
                .withSystemProperty("log.file", logDir.resolve(name + "-deployer.log").toString())
                .withSystemProperty("log4j.configurationFile", confDir.resolve("log4j.properties").toUri().toString())
                .withMainClass(mainClass)
                .withArguments(args);
    }

    /** Where the deployer named {@code name} prints the lines {@link #run} reads. */
    public static Path output(String name, Path logDir) {
        return logDir.resolve(name + "-deployer.out");
    }

    public static Map<String, String> run(String kind, String what, JavaCommand command, Path out, Duration timeout) {
        try (ManagedProcess deployer = ManagedProcess.start(kind + "-deployer", command, out)) {
            OptionalInt exit = deployer.awaitExit(timeout);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new TargetException(kind + ": " + what + (exit.isEmpty() ? " did not finish in "
                        + timeout.toSeconds() + " s" : " failed (exit " + exit.getAsInt() + ")")
                        + ": " + deployer.logTail(3).replace('\n', ' ') + " (log: " + out.getParent() + ")");
            }
            return result(out);
        }
    }

    static Map<String, String> result(Path out) {
        Map<String, String> result = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(out)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.contains(" ")) {
                    result.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private DeployerProcess() {}
}
