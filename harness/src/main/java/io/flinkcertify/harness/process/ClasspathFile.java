package io.flinkcertify.harness.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A classpath the build wrote into a module's resources (maven-dependency-plugin build-classpath), read back at
 * run time: how the harness knows the jars of the Flink "image" and of the Hadoop side without carrying them.
 */
public final class ClasspathFile {

    /** The entries of the classpath resource {@code name}; a missing resource means the module is not built. */
    public static List<Path> read(String name) {
        try (InputStream in = open(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a resource the build must have produced, with a message that says how to produce it. */
    public static InputStream open(String name) {
        InputStream in = ClasspathFile.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath: build the project first "
                    + "(run 'mvn -B -DskipTests install')");
        }
        return in;
    }

    /** The jar or classes directory that holds the resource {@code name}, for launching its classes elsewhere. */
    public static Path home(String name) {
        URL url = ClasspathFile.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the classpath: build the project first "
                    + "(run 'mvn -B -DskipTests install')");
        }
        try {
            String spec = url.toString();
            if (spec.startsWith("jar:")) {
                return Path.of(new java.net.URI(spec.substring(4, spec.indexOf("!/"))));
            }
            Path file = Path.of(url.toURI());
            for (int i = 0; i < name.split("/").length; i++) {
                file = file.getParent();
            }
            return file;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }

    private ClasspathFile() {}
}
