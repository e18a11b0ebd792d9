package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;

import java.nio.file.Path;
import java.util.Map;

/**
 * The directory of this run that a Flink-cluster target owns (configuration, logs, checkpoints, savepoints, web
 * uploads), removed with the target's teardown. Checkpoints live here so a storage outage can cut them.
 */
public final class TargetWorkspace {

    private final Workspace workspace;

    private TargetWorkspace(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Creates the workspace of one target of {@code kind} and registers its removal with {@code teardown}. */
    public static TargetWorkspace open(Path workRoot, String kind, Teardown teardown) {
        Workspace workspace = Workspace.create(workRoot, kind);
        teardown.register("workspace " + workspace.root(), workspace);
        return new TargetWorkspace(workspace);
    }

    public Path root() {
        return workspace.root();
    }

    /** A directory of the workspace, created if needed. */
    public Path dir(String name) {
        return workspace.dir(name);
    }

    /** Where the Flink configuration and log configuration are written. */
    public Path conf() {
        return dir("conf");
    }

    /** Where the harness-started JVMs (Flink processes, deployers) write their logs. */
    public Path log() {
        return dir("log");
    }

    /** Where the cluster's checkpoints go (a storage outage cuts this directory). */
    public Path checkpoints() {
        return dir("checkpoints");
    }

    /**
     * Points the cluster's checkpoints, savepoints and web directories into the workspace: Flink's defaults are
     * shared temporary directories, where two clusters (or two runs) would read each other's files.
     */
    public void ownDirectories(Map<String, String> owned) {
        owned.put("state.checkpoints.dir", checkpoints().toUri().toString());
        owned.put("state.savepoints.dir", dir("savepoints").toUri().toString());
        owned.put("web.tmpdir", dir("web").toString());
        owned.put("web.upload.dir", dir("uploads").toString());
    }
}
