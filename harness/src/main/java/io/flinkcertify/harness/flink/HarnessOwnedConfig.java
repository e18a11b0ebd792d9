package io.flinkcertify.harness.flink;

import java.util.Set;

/**
 * Flink settings the harness must own on every target (addresses, ports, local directories): a job's config may
 * not override them, or clusters of one run would collide or write outside the run's workspace.
 */
public final class HarnessOwnedConfig {

    public static final Set<String> KEYS = Set.of(
            "jobmanager.rpc.address", "jobmanager.rpc.port", "jobmanager.bind-host",
            "rest.address", "rest.bind-address", "rest.port", "rest.bind-port",
            "taskmanager.host", "taskmanager.bind-host",
            "state.checkpoints.dir", "state.savepoints.dir", "io.tmp.dirs", "web.tmpdir", "web.upload.dir",
            "high-availability.zookeeper.quorum", "high-availability.storageDir", "high-availability.zookeeper.path.root",
            "yarn.staging-directory", "yarn.application.name", "pipeline.jars", "execution.target");

    public static boolean owns(String key) {
        return KEYS.contains(key);
    }

    private HarnessOwnedConfig() {}
}
