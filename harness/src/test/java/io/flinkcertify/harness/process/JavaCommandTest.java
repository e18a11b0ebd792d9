package io.flinkcertify.harness.process;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaCommandTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void argvOrder() {
        JavaCommand cmd = JavaCommand.ofCurrentJvm()
                .withArguments(List.of("--first"))
                .withMainClass("com.example.Main")
                .withSystemProperty("zeta", "1")
                .withClasspath(List.of(Path.of("/opt/a.jar"), Path.of("/opt/b")))
                .withJvmOptions(List.of("-Xmx256m", "-XX:+UseG1GC"))
                .withSystemProperty("alpha", "2")
                .withArguments(List.of("--second", "two words"));

        assertEquals(List.of(
                JAVA,
                "-Xmx256m", "-XX:+UseG1GC",
                "-Dzeta=1", "-Dalpha=2",
                "-cp", "/opt/a.jar" + File.pathSeparator + "/opt/b",
                "com.example.Main",
                "--first", "--second", "two words"), cmd.argv());
        assertEquals(":", File.pathSeparator, "this harness runs on Linux/macOS");
    }

    @Test
    void noClasspathMeansNoCpFlag() {
        List<String> argv = JavaCommand.ofCurrentJvm().withMainClass("Main").argv();
        assertEquals(List.of(JAVA, "Main"), argv);
    }

    @Test
    void overwritingASystemPropertyKeepsItsPosition() {
        JavaCommand cmd = JavaCommand.ofCurrentJvm().withMainClass("M")
                .withSystemProperty("a", "1")
                .withSystemProperty("b", "2")
                .withSystemProperties(Map.of("a", "3"));
        assertEquals(List.of(JAVA, "-Da=3", "-Db=2", "M"), cmd.argv());
    }

    @Test
    void withMethodsReturnNewCommandsAndLeaveTheOriginalUnchanged() {
        JavaCommand base = JavaCommand.ofCurrentJvm()
                .withMainClass("com.example.Base")
                .withClasspath(List.of(Path.of("/base.jar")))
                .withJvmOptions(List.of("-Xmx1g"))
                .withSystemProperty("role", "base")
                .withArguments(List.of("a"));
        List<String> before = base.argv();

        JavaCommand derived = base.withMainClass("com.example.Other")
                .withClasspath(List.of(Path.of("/extra.jar")))
                .withJvmOptions(List.of("-ea"))
                .withSystemProperty("role", "derived")
                .withSystemProperties(Map.of("extra", "x"))
                .withArguments(List.of("b"));

        assertNotSame(base, derived);
        assertNotSame(base, base.withArguments(List.of()));
        assertEquals(before, base.argv(), "original must be unchanged");
        assertEquals("com.example.Base", base.mainClass());
        assertEquals("base", base.systemProperty("role"));
        assertNull(base.systemProperty("extra"));
        assertEquals(List.of(Path.of("/base.jar")), base.classpath());
        assertEquals(List.of("-Xmx1g"), base.jvmOptions());
        assertEquals(List.of("a"), base.arguments());

        assertEquals("com.example.Other", derived.mainClass());
        assertEquals("derived", derived.systemProperty("role"));
        assertEquals(List.of(Path.of("/base.jar"), Path.of("/extra.jar")), derived.classpath());
        assertEquals(List.of("-Xmx1g", "-ea"), derived.jvmOptions());
        assertEquals(List.of("a", "b"), derived.arguments());
    }

    @Test
    void callerCollectionsAreCopiedAndExposedOnesAreReadOnly() {
        List<String> options = new java.util.ArrayList<>(List.of("-Xmx1g"));
        Map<String, String> props = new LinkedHashMap<>(Map.of("k", "v"));
        JavaCommand cmd = JavaCommand.ofCurrentJvm().withMainClass("M").withJvmOptions(options).withSystemProperties(props);
        options.add("-ea");
        props.put("k2", "v2");

        assertEquals(List.of("-Xmx1g"), cmd.jvmOptions());
        assertEquals(Map.of("k", "v"), cmd.systemProperties());
        assertThrows(UnsupportedOperationException.class, () -> cmd.jvmOptions().add("-ea"));
        assertThrows(UnsupportedOperationException.class, () -> cmd.systemProperties().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> cmd.arguments().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> cmd.classpath().add(Path.of("/x")));
    }

    @Test
    void missingMainClassThrows() {
        JavaCommand cmd = JavaCommand.ofCurrentJvm().withClasspath(List.of(Path.of("/a.jar")));
        IllegalStateException e = assertThrows(IllegalStateException.class, cmd::argv);
        assertTrue(e.getMessage().contains("main class"), e.getMessage());
    }

    @Test
    void nullSystemPropertyValueIsRejected() {
        assertThrows(NullPointerException.class, () -> JavaCommand.ofCurrentJvm().withSystemProperty("k", null));
    }
}
