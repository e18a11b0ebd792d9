package io.flinkcertify.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints which job, target and check is running and how long it has been going, as the JUnit Platform runs
 * the suites; each finished group adds checks done / planned and an estimate of the time left. Check outcomes
 * themselves come from the harness ledger, not from here.
 */
final class ProgressListener implements TestExecutionListener {

    private final PrintStream out;
    private final Instant start = Instant.now();
    private final int planned;
    private int done;

    /** @param planned the checks the suites' plans hold for this run (0: unknown, no estimate) */
    ProgressListener(PrintStream out, int planned) {
        this.out = out;
        this.planned = planned;
    }

    /**
     * "checks 12/57, about 14 min left": the time so far per check, times the checks left. Deployments dominate
     * and come in groups of similar length, so the mean per check is a fair estimate after the first group.
     */
    static String progress(int done, int planned, Duration elapsed) {
        if (planned <= 0) {
            return "";
        }
        String counted = " · checks " + done + "/" + planned;
        if (done == 0 || done >= planned) {
            return counted;
        }
        long leftSeconds = elapsed.toSeconds() * (planned - done) / done;
        return counted + (leftSeconds < 60 ? ", under a minute left" : ", about " + (leftSeconds + 30) / 60 + " min left");
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            done++;
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isContainer() && id.getParentId().isPresent() && id.getUniqueId().contains("dynamic-container")) {
            out.println(stamp() + "▶ " + id.getDisplayName());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            done++;
        }
        if (id.isContainer() && id.getUniqueId().contains("dynamic-container")) {
            out.println(stamp() + "■ " + id.getDisplayName() + " done"
                    + progress(done, planned, Duration.between(start, Instant.now())));
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
