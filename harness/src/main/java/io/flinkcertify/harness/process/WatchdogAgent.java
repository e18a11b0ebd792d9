package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@link ParentWatchdog} packaged as a Java agent jar, for JVMs the harness does not launch itself (YARN starts
 * containers, Flink chooses their main class): {@code -javaagent:<jar>=<harness pid>} in their JVM options makes
 * them halt when the harness is gone, exactly like the processes the harness starts directly.
 */
public final class WatchdogAgent {

    /** Writes the agent jar into {@code dir} and returns the JVM option that loads it. */
    public static String jvmOption(Path dir) {
        Path jar = dir.resolve("flink-certify-watchdog.jar");
        String entry = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ParentWatchdog.class.getName());
        try (InputStream clazz = ParentWatchdog.class.getClassLoader().getResourceAsStream(entry)) {
            if (clazz == null) {
                throw new IllegalStateException("cannot read " + entry + " from the harness classpath");
            }
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new JarEntry(entry));
                clazz.transferTo(out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watchdog agent to " + jar, e);
        }
        return "-javaagent:" + jar + "=" + ProcessHandle.current().pid();
    }

    private WatchdogAgent() {}
}
