package io.flinkcertify.harness.process;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedProcessGuardTest {

    private final JavaCommand command = JavaCommand.ofCurrentJvm()
            .withClasspath(List.of(Path.of("/opt/flink/lib/flink-dist.jar")))
            .withJvmOptions(List.of("-Xmx512m"))
            .withSystemProperty("log.file", "/tmp/jm.log")
            .withMainClass("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint")
            .withArguments(List.of("--configDir", "/tmp/conf"));

    @Test
    void wrapsTheMainClassInTheWatchdogAndKeepsItAsFirstArgument() {
        JavaCommand guarded = ManagedProcess.guard(command);

        assertEquals(ParentWatchdog.class.getName(), guarded.mainClass());
        assertEquals(List.of("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir", "/tmp/conf"), guarded.arguments());
    }

    @Test
    void marksTheRunAndTheParentPid() {
        JavaCommand guarded = ManagedProcess.guard(command);

        assertEquals(RunId.current().value(), guarded.systemProperty(RunId.PROPERTY));
        assertEquals(Long.toString(ProcessHandle.current().pid()), guarded.systemProperty(ParentWatchdog.PARENT_PID_PROPERTY));
        List<String> argv = guarded.argv();
        assertTrue(argv.contains("-Dflink-certify.run=" + RunId.current().value()), argv.toString());
        assertTrue(argv.contains(RunId.current().marker()), argv.toString());
        assertTrue(argv.contains("-Dflink-certify.parent=" + ProcessHandle.current().pid()), argv.toString());
    }

    @Test
    void keepsClasspathOptionsAndPropertiesWithTheWatchdogFirstOnTheClasspath() {
        JavaCommand guarded = ManagedProcess.guard(command);

        assertEquals(ManagedProcess.codeSource(ParentWatchdog.class), guarded.classpath().get(0));
        assertEquals(Path.of("/opt/flink/lib/flink-dist.jar"), guarded.classpath().get(1));
        assertEquals(List.of("-Xmx512m"), guarded.jvmOptions());
        assertEquals("/tmp/jm.log", guarded.systemProperty("log.file"));

        List<String> argv = guarded.argv();
        int watchdog = argv.indexOf(ParentWatchdog.class.getName());
        assertEquals(argv.size() - 4, watchdog, "watchdog main, then the real main and its args: " + argv);
        assertTrue(argv.indexOf("-Xmx512m") < watchdog);
        assertTrue(argv.indexOf(RunId.current().marker()) < watchdog, "the marker is a JVM property, not a program arg");
    }

    @Test
    void originalCommandIsUnchanged() {
        List<String> before = command.argv();
        ManagedProcess.guard(command);
        assertEquals(before, command.argv());
    }
}
