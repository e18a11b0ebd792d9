package io.flinkcertify.harness.targets.yarn;

import io.flinkcertify.harness.process.ClasspathFile;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the YARN side's code is on this machine: the yarn-runtime module (MiniYarnHost, YarnDeployer), the
 * Hadoop jars (host JVM, deployer, and every container's yarn.application.classpath), and the Flink YARN jars
 * shipped next to the Flink distribution. All written by the yarn-runtime build; none is on the harness classpath.
 *
 * @param flinkYarnJar  flink-yarn itself, which plays flink-dist's role ({@code yarn.flink-dist-jar})
 * @param flinkYarnLibs the other Flink jars YARN deployments need beyond the distribution (flink-hadoop-fs)
 */
public record YarnRuntime(Path home, List<Path> hadoopClasspath, Path flinkYarnJar, List<Path> flinkYarnLibs) {

    private static final String HADOOP = "flink-certify/yarn-hadoop-classpath.txt";
    private static final String FLINK = "flink-certify/yarn-flink-classpath.txt";

    public static YarnRuntime fromClasspath() {
        List<Path> flink = ClasspathFile.read(FLINK);
        Path yarnJar = flink.stream().filter(p -> p.getFileName().toString().startsWith("flink-yarn"))
                .findFirst().orElseThrow(() -> new IllegalStateException(FLINK + " lists no flink-yarn jar: " + flink));
        return new YarnRuntime(ClasspathFile.home(HADOOP), ClasspathFile.read(HADOOP), yarnJar,
                flink.stream().filter(p -> !p.equals(yarnJar)).toList());
    }

    /** The classpath of a JVM running yarn-runtime's own mains on Hadoop. */
    List<Path> hostClasspath() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(home), hadoopClasspath.stream()).toList();
    }
}
