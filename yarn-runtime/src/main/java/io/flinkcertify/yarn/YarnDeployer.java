package io.flinkcertify.yarn;

import org.apache.flink.client.deployment.ClusterSpecification;
import org.apache.flink.client.deployment.application.ApplicationConfiguration;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.client.program.ClusterClientProvider;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.yarn.YarnClusterClientFactory;
import org.apache.flink.yarn.YarnClusterDescriptor;
import org.apache.flink.yarn.configuration.YarnConfigOptions;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Deploys one Flink cluster on YARN the way {@code flink run-application -t yarn-application} and
 * {@code yarn-session.sh -d} do: through Flink's own YarnClusterDescriptor, detached. A short-lived JVM, because it
 * needs Hadoop on its classpath and the harness must not. It prints {@code application-id=} and {@code rest=} lines
 * the harness reads, and exits.
 *
 * <p>Usage: {@code YarnDeployer <flinkConfDir> <session|application> <distJar> <shipFilesListFile>
 * [<entryClass> <arg>...]}, or {@code YarnDeployer kill <applicationId>}. HADOOP_CONF_DIR must point at the
 * cluster's configuration.
 */
public final class YarnDeployer {

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("kill")) {
            kill(args[1]);
            System.exit(0);
        }
        Path confDir = Path.of(args[0]);
        boolean application = switch (args[1]) {
            case "application" -> true;
            case "session" -> false;
            default -> throw new IllegalArgumentException("mode must be session or application, not " + args[1]);
        };
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toString());
        conf.set(YarnConfigOptions.FLINK_DIST_JAR, args[2]);
        conf.set(YarnConfigOptions.SHIP_FILES, lines(Path.of(args[3])));
        conf.setString("execution.target", application ? "yarn-application" : "yarn-session");

        YarnClusterClientFactory factory = new YarnClusterClientFactory();
        ClusterSpecification spec = factory.getClusterSpecification(conf);
        long t0 = System.nanoTime();
        try (YarnClusterDescriptor descriptor = factory.createClusterDescriptor(conf)) {
            ClusterClientProvider<ApplicationId> provider = application
                    ? descriptor.deployApplicationCluster(spec, new ApplicationConfiguration(
                            Arrays.copyOfRange(args, 5, args.length), args[4]))
                    : descriptor.deploySessionCluster(spec);
            try (ClusterClient<ApplicationId> client = provider.getClusterClient()) {
                System.out.println("application-id=" + client.getClusterId());
                System.out.println("rest=" + client.getWebInterfaceURL());
                System.out.println("deploy-ms=" + (System.nanoTime() - t0) / 1_000_000);
            }
        }
        System.out.flush();
        // Hadoop's client leaves non-daemon threads behind; the deployment is done
        System.exit(0);
    }

    /** {@code yarn application -kill}: ends the application whatever state Flink is in (the teardown path). */
    private static void kill(String applicationId) throws Exception {
        YarnConfiguration conf = new YarnConfiguration();
        conf.addResource(new org.apache.hadoop.fs.Path(System.getenv("HADOOP_CONF_DIR"), "yarn-site.xml"));
        try (YarnClient client = YarnClient.createYarnClient()) {
            client.init(conf);
            client.start();
            ApplicationId id = ApplicationId.fromString(applicationId);
            client.killApplication(id);
            System.out.println("killed=" + applicationId + " state=" + client.getApplicationReport(id).getYarnApplicationState());
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    private YarnDeployer() {}
}
