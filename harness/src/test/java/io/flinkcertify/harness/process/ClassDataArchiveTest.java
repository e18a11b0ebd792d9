package io.flinkcertify.harness.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive is built across launches and then really used: the JVM reports the class from the shared archive
 * ({@code -Xlog:class+load} says "source: shared objects file"), not from the jar.
 */
class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aClassPathIsRecordedThenArchivedThenStartedFromTheArchive() throws Exception {
        Path jar = jarWithMain();
        Path cache = Files.createDirectories(dir.resolve("cache"));
        // older archives of other class paths: the cache keeps the most recently used, the new one among them
        for (int i = 0; i < ClassDataArchive.KEPT + 1; i++) {
            Path old = Files.writeString(cache.resolve("old" + i + ".jsa"), "x");
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        ClassDataArchive cds = new ClassDataArchive(cache, true);
        JavaCommand command = JavaCommand.ofCurrentJvm().withClasspath(List.of(jar)).withMainClass("probe.Hello");

        ClassDataArchive.Use first = cds.forLaunch(command);
        assertTrue(first.state().startsWith("recording"), first.state());
        assertTrue(launch(command, first).contains("hello"));
        first.whenEnded().run();

        ClassDataArchive.Use second = cds.forLaunch(command);
        assertTrue(second.state().startsWith("being built"), second.state());
        assertEquals(List.of(), second.jvmOptions(), "no launch waits for the archive");
        launch(command, second);

        ClassDataArchive.Use third = awaitArchive(cds, command);
        assertTrue(third.state().startsWith("used"), third.state());
        String loaded = launch(command.withJvmOptions(List.of("-Xlog:class+load=info")), third);
        assertTrue(loaded.lines().anyMatch(l -> l.contains("probe.Hello source: shared objects file")), loaded);
        try (java.util.stream.Stream<Path> files = Files.list(cache)) {
            List<String> kept = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa")).sorted().toList();
            assertEquals(ClassDataArchive.KEPT, kept.size(), kept.toString());
            assertFalse(kept.contains("old0.jsa") || kept.contains("old1.jsa"), "the least recently used go: " + kept);
        }

        // a rebuilt jar is another class path: its classes are recorded again, the old archive is not used
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertTrue(cds.forLaunch(command).state().startsWith("recording"));
    }

    @Test
    void aFolderOnTheClassPathOrTheSwitchOffMeansNoSharing() throws Exception {
        JavaCommand withFolder = JavaCommand.ofCurrentJvm().withClasspath(List.of(Files.createDirectories(dir.resolve("classes"))))
                .withMainClass("x.Main");
        ClassDataArchive.Use folder = new ClassDataArchive(dir.resolve("cache"), true).forLaunch(withFolder);
        assertEquals(List.of(), folder.jvmOptions());
        assertTrue(folder.state().contains("folder"), folder.state());

        JavaCommand jarred = JavaCommand.ofCurrentJvm().withClasspath(List.of(jarWithMain())).withMainClass("probe.Hello");
        ClassDataArchive.Use off = new ClassDataArchive(dir.resolve("cache"), false).forLaunch(jarred);
        assertEquals(List.of(), off.jvmOptions());
        assertFalse(Files.exists(dir.resolve("cache")), "switched off: nothing written");
    }

    @Test
    void noArchiveIsBuiltWhileAMeasurementHoldsAQuietPeriodAndOneIsBuiltOnceItCloses() throws Exception {
        Recorded r = recorded();
        try (ClassDataArchive.Quiet quiet = r.cds().quiet(Duration.ofSeconds(30))) {
            assertFalse(quiet.buildStillRunning());
            assertTrue(quiet.waited().toMillis() < 1_000, "nothing was being built: " + quiet.waited());
            assertTrue(r.cds().forLaunch(r.command()).state().startsWith("being built"));
            Thread.sleep(3_000);
            assertFalse(Files.exists(r.file(".dump.log")), "a build started inside the quiet period");
        }
        assertTrue(awaitArchive(r.cds(), r.command()).state().startsWith("used"), "built once the period closed");
    }

    @Test
    void aQuietPeriodStartsOnlyOnceTheBuildUnderWayHasEnded() throws Exception {
        Recorded r = recorded();
        assertTrue(r.cds().forLaunch(r.command()).state().startsWith("being built"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(r.file(".dump.log")) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the build's log is opened when its process starts
        }
        try (ClassDataArchive.Quiet quiet = r.cds().quiet(Duration.ofSeconds(120))) {
            assertFalse(quiet.buildStillRunning());
            assertTrue(Files.isRegularFile(r.file(".jsa")), "the period opened before the build ended");
        }
    }

    /** A cache where a class path's classes are recorded: its next launch starts the archive's build. */
    private record Recorded(ClassDataArchive cds, JavaCommand command, Path cache) {
        Path file(String suffix) {
            return cache.resolve(ClassDataArchive.key(command).orElseThrow() + suffix);
        }
    }

    private Recorded recorded() throws Exception {
        JavaCommand command = JavaCommand.ofCurrentJvm().withClasspath(List.of(jarWithMain())).withMainClass("probe.Hello");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        ClassDataArchive cds = new ClassDataArchive(cache, true);
        ClassDataArchive.Use first = cds.forLaunch(command);
        assertTrue(first.state().startsWith("recording"), first.state());
        launch(command, first);
        first.whenEnded().run();
        return new Recorded(cds, command, cache);
    }

    /** A broken archive (the JVM rejects it) costs the sharing, not the launch. */
    @Test
    void aBrokenArchiveStillLaunches() throws Exception {
        Path jar = jarWithMain();
        JavaCommand command = JavaCommand.ofCurrentJvm().withClasspath(List.of(jar)).withMainClass("probe.Hello");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.writeString(cache.resolve(ClassDataArchive.key(command).orElseThrow() + ".jsa"), "not an archive");
        ClassDataArchive.Use use = new ClassDataArchive(cache, true).forLaunch(command);
        assertTrue(use.state().startsWith("used"), use.state());
        assertTrue(launch(command, use).contains("hello"));
    }

    private static ClassDataArchive.Use awaitArchive(ClassDataArchive cds, JavaCommand command) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ClassDataArchive.Use use = cds.forLaunch(command);
        while (!use.state().startsWith("used") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            use = cds.forLaunch(command);
        }
        return use;
    }

    private static String launch(JavaCommand command, ClassDataArchive.Use use) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(command.withJvmOptions(use.jvmOptions()).argv());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private Path jarWithMain() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/probe"));
        Files.writeString(src.resolve("Hello.java"), "package probe; public class Hello { public static void main(String[] a)"
                + " { java.util.List<String> l = new java.util.ArrayList<>(); l.add(\"hello\"); System.out.println(l.get(0)); } }");
        Path classes = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.resolve("Hello.java").toString()));
        Path jar = dir.resolve("probe-" + System.nanoTime() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("probe/Hello.class"));
            Files.copy(classes.resolve("probe/Hello.class"), (OutputStream) out);
            out.closeEntry();
        }
        return jar;
    }
}
