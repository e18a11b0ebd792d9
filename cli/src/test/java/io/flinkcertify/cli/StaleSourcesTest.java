package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/certify rebuilds when {@code scripts/stale-sources} names a file. The check once pruned every folder named
 * {@code target}, Java packages included, and ran stale classes silently; this pins which files count.
 */
class StaleSourcesTest {

    private static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path SCRIPT = PROJECT.resolve("scripts/stale-sources");

    @TempDir
    Path root;

    private Path stamp;

    private Path file(String relative, Instant mtime) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    private String stale() throws Exception {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), root.toString(), stamp.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stale-sources hung");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** A tree as Maven leaves it after a build: sources older than the build stamp, build output beside poms. */
    private void builtTree() throws IOException {
        Instant old = Instant.now().minusSeconds(3600);
        file("pom.xml", old);
        file("harness/pom.xml", old);
        file("harness/src/main/java/io/x/harness/targets/Target.java", old);
        file("harness/src/main/java/io/x/harness/target/Legacy.java", old);
        file("harness/src/main/resources/schema.json", old);
        file("fixtures/pom.xml", old);
        file("fixtures/batches/reference.yaml", old);
        stamp = file("cli/target/certify.classpath", Instant.now().minusSeconds(60));
        file("cli/pom.xml", old);
    }

    @Test
    void currentBuildNamesNothing() throws Exception {
        builtTree();
        assertEquals("", stale());
    }

    @Test
    void touchedTargetsPackageSourceIsStale() throws Exception {
        builtTree();
        Path touched = file("harness/src/main/java/io/x/harness/targets/Target.java", Instant.now());
        assertEquals(touched.toString(), stale());
    }

    @Test
    void aJavaPackageNamedTargetIsNotMistakenForMavenOutput() throws Exception {
        builtTree();
        Path touched = file("harness/src/main/java/io/x/harness/target/Legacy.java", Instant.now());
        assertEquals(touched.toString(), stale());
    }

    @Test
    void resourcesPomsAndBatchesCount() throws Exception {
        for (String each : new String[] {"harness/src/main/resources/schema.json", "cli/pom.xml",
                "fixtures/batches/reference.yaml"}) {
            builtTree();
            Path touched = file(each, Instant.now());
            assertEquals(touched.toString(), stale(), each);
        }
    }

    @Test
    void mavenBuildOutputIsIgnored() throws Exception {
        builtTree();
        file("harness/target/classes/io/x/Target.class", Instant.now());
        file("harness/target/generated-sources/src/Gen.java", Instant.now());
        assertEquals("", stale());
    }

    @Test
    void missingStampMeansBuild() throws Exception {
        builtTree();
        Files.delete(stamp);
        assertEquals(stamp.toString(), stale());
    }

    @Test
    void certifyUsesThisCheck() throws Exception {
        String launcher = Files.readString(PROJECT.resolve("bin/certify"));
        assertTrue(launcher.contains("scripts/stale-sources"), "bin/certify must decide rebuilds with scripts/stale-sources");
    }
}
