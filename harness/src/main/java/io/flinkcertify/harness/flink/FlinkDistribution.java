package io.flinkcertify.harness.flink;

import io.flinkcertify.harness.process.ClasspathFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The Flink "image": the jars a Flink process runs on (what flink-dist's lib/ would hold), the Flink version they
 * are, and the reference job jar built against that version. The fixtures module writes both files at build time;
 * this reads them from the classpath, so switching -Dflink.version switches every target at once.
 */
public record FlinkDistribution(String version, List<Path> classpath, Path referenceJobJar, Path batchesDir) {

    private static final String PROPERTIES = "flink-certify/fixtures.properties";
    private static final String CLASSPATH = "flink-certify/flink-classpath.txt";

    public static FlinkDistribution fromClasspath() {
        Properties props = new Properties();
        try (InputStream in = ClasspathFile.open(PROPERTIES)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> classpath = ClasspathFile.read(CLASSPATH);
        Path jar = Path.of(props.getProperty("job.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("reference job jar " + jar + " is not built; run 'mvn -B -DskipTests install' first");
        }
        return new FlinkDistribution(props.getProperty("flink.version"), classpath, jar, Path.of(props.getProperty("batches.dir")));
    }
}
