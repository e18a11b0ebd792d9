package io.flinkcertify.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints which job, target and check is running and how long it has been going, as the JUnit Platform runs
 * the suites. Check outcomes themselves come from the harness ledger, not from here.
 */
final class ProgressListener implements TestExecutionListener {

    private final PrintStream out;
    private final Instant start = Instant.now();

    ProgressListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isContainer() && id.getParentId().isPresent() && id.getUniqueId().contains("dynamic-container")) {
            out.println(stamp() + "▶ " + id.getDisplayName());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isContainer() && id.getUniqueId().contains("dynamic-container")) {
            out.println(stamp() + "■ " + id.getDisplayName() + " done");
        } else if (id.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            // a suite that failed before any check ran (bad settings, missing build) must not go unseen
            out.println(stamp() + "✗ " + id.getDisplayName() + ": "
                    + result.getThrowable().map(Throwable::getMessage).orElse("failed"));
        }
    }

    private String stamp() {
        Duration d = Duration.between(start, Instant.now());
        return String.format("  [%3d:%02d] ", d.toMinutes(), d.toSecondsPart());
    }
}
