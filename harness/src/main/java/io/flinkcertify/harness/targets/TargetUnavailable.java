package io.flinkcertify.harness.targets;

import org.opentest4j.TestAbortedException;

/**
 * A target kind that cannot run on this machine at all (no Docker, no images): its checks are SKIPPED with this
 * reason in the report, never failed and never silently left out.
 */
public final class TargetUnavailable extends TestAbortedException {
    public TargetUnavailable(String reason) {
        super(reason);
    }
}
