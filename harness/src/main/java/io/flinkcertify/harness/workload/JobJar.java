package io.flinkcertify.harness.workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Checks a job jar at manifest validation: a file that is not a jar, or an entry class it does not hold, would
 * otherwise surface minutes later as a failed deployment on every target.
 */
final class JobJar {

    /** Throws {@link ManifestException} naming {@code at.jar} or {@code at.entryClass}. */
    static void check(Path manifest, String at, Path jar, String entryClass) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String entry = entryClass.replace('.', '/') + ".class";
            if (file.getEntry(entry) == null) {
                throw new ManifestException(manifest, at + ".entryClass", "class " + entryClass
                        + " is not in " + jar + " (no " + entry + ")",
                        "give the fully qualified name of a class inside the jar, e.g. com.example.Main");
            }
        } catch (IOException e) {
            throw new ManifestException(manifest, at + ".jar", jar + " is not a jar (not a readable zip archive)",
                    "give the job's built jar file");
        }
    }

    private JobJar() {}
}
