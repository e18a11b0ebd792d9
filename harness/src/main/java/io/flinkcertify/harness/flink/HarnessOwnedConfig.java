package io.flinkcertify.harness.flink;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Flink settings the harness must own on every target (addresses, ports, local directories, HA, what to restore
 * from): a job's config may not override them, or clusters of one run would collide or write outside the run's
 * workspace. The keys come from Flink's own option definitions, each with every name Flink also reads it under
 * (fallback and deprecated keys): Flink 1.20 reads {@code execution.checkpointing.dir} and the older
 * {@code state.checkpoints.dir} alike, so forbidding one name alone would leave the setting open.
 */
public final class HarnessOwnedConfig {

    private static final List<ConfigOption<?>> OPTIONS = List.of(
            JobManagerOptions.ADDRESS, JobManagerOptions.PORT, JobManagerOptions.BIND_HOST,
            RestOptions.ADDRESS, RestOptions.BIND_ADDRESS, RestOptions.PORT, RestOptions.BIND_PORT,
            TaskManagerOptions.HOST, TaskManagerOptions.BIND_HOST,
            CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY,
            StateRecoveryOptions.SAVEPOINT_PATH,
            CoreOptions.TMP_DIRS, WebOptions.TMP_DIR, WebOptions.UPLOAD_DIR,
            HighAvailabilityOptions.HA_MODE, HighAvailabilityOptions.HA_STORAGE_PATH,
            HighAvailabilityOptions.HA_CLUSTER_ID, HighAvailabilityOptions.HA_ZOOKEEPER_QUORUM,
            HighAvailabilityOptions.HA_ZOOKEEPER_ROOT,
            DeploymentOptions.TARGET, PipelineOptions.JARS);

    /**
     * Options of Flink modules the harness keeps off its classpath (flink-yarn brings Hadoop, flink-kubernetes
     * its own fabric8), spelled as both Flink 1.20 and 2.x spell them. The Kubernetes ones name the cluster and
     * the API server the run was given.
     */
    private static final List<String> KEYS_OF_OTHER_MODULES = List.of(
            "yarn.staging-directory", "yarn.application.name",
            "kubernetes.cluster-id", "kubernetes.namespace", "kubernetes.config.file", "kubernetes.context");

    public static final Set<String> KEYS = keys();

    public static boolean owns(String key) {
        return KEYS.contains(key);
    }

    private static Set<String> keys() {
        Set<String> keys = new TreeSet<>(KEYS_OF_OTHER_MODULES);
        for (ConfigOption<?> option : OPTIONS) {
            keys.add(option.key());
            // fallbackKeys() holds the deprecated names too (FallbackKey.isDeprecated tells them apart)
            StreamSupport.stream(option.fallbackKeys().spliterator(), false).map(FallbackKey::getKey).forEach(keys::add);
        }
        return Set.copyOf(keys);
    }

    private HarnessOwnedConfig() {}
}
