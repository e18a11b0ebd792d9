package io.flinkcertify.harness.run;

import io.flinkcertify.harness.lifecycle.Progress;
import com.fasterxml.jackson.core.type.TypeReference;
import io.flinkcertify.harness.evidence.Evidence;
import io.flinkcertify.harness.evidence.TuningAB;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.targets.TargetException;
import io.qameta.allure.Allure;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

/**
 * Runs one check and makes its outcome count everywhere at once: the ledger (verdict.json), Allure (evidence
 * attached), and JUnit (a FAILED check fails the test, a SKIPPED one aborts it). A check's status therefore
 * always comes from a {@link Judgement} or from the exception that prevented one.
 */
public final class CheckRunner {

    @FunctionalInterface
    public interface Body {
        Judgement run() throws Exception;
    }

    private final CheckLedger ledger;

    public CheckRunner(CheckLedger ledger) {
        this.ledger = ledger;
    }

    public CheckResult run(CheckId id, Body body) {
        long start = System.nanoTime();
        Progress.say(id.target(), id.job() + " › " + id.name() + " ...");
        CheckResult result;
        Throwable failure = null;
        try {
            Judgement j = body.run();
            result = result(id, j.passed() ? CheckStatus.PASSED : CheckStatus.FAILED, j.reason(), j.evidence(), start, null);
        } catch (NotApplicable e) {
            result = result(id, CheckStatus.SKIPPED, e.getMessage(), Evidence.none(), start, null);
        } catch (TestAbortedException e) {
            result = result(id, CheckStatus.SKIPPED, e.getMessage(), Evidence.none(), start, null);
        } catch (TargetException e) {
            failure = e;
            result = result(id, CheckStatus.FAILED, e.getMessage(), Evidence.none(), start, true);
        } catch (Throwable e) {
            failure = e;
            result = result(id, CheckStatus.FAILED, oneLine(e), Evidence.none(), start, null);
        }
        ledger.record(result);
        attach(result);
        Progress.say(id.target(), id.job() + " › " + id.name() + " " + result.status()
                + String.format(" (%.1f s)", result.durationMs() / 1000.0)
                + (result.reason() == null ? "" : ": " + result.reason()));
        switch (result.status()) {
            case FAILED -> {
                // Allure's categories (reports' AllureExtras) tell an environment error from a product defect by this mark
                AssertionFailedError error = new AssertionFailedError(
                        (result.isEnvironmentError() ? "environment error: " : "") + id + ": " + result.reason());
                if (failure != null) {
                    // JUnit's XML report prints the whole cause chain: only a masked copy may travel
                    error.initCause(Redaction.apply(failure));
                }
                throw error;
            }
            case SKIPPED -> throw new TestAbortedException(result.reason());
            default -> {
                return result;
            }
        }
    }

    /** Every string of a result passes {@link Redaction} here, the one place results are made. */
    private static CheckResult result(CheckId id, CheckStatus status, String reason, Evidence evidence,
                                      long startNanos, Boolean environment) {
        TuningAB.Lint lint = evidence instanceof TuningAB ab && ab.lint() != null
                ? new TuningAB.Lint(Redaction.apply(ab.lint().jobValue()),
                Redaction.apply(ab.lint().otherValue()), ab.lint().verdict(), Redaction.apply(ab.lint().finding())) : null;
        return new CheckResult(id.job(), id.suite(), id.target(), id.name(), status, Redaction.apply(reason),
                masked(evidence), Redaction.apply(evidence.headline()), lint,
                (System.nanoTime() - startNanos) / 1_000_000, environment);
    }

    // the typed evidence as the ledger writes it, then masked
    @SuppressWarnings("unchecked")
    private static Map<String, Object> masked(Evidence evidence) {
        Map<String, Object> plain = CheckLedger.JSON.convertValue(evidence, new TypeReference<Map<String, Object>>() { });
        return (Map<String, Object>) Redaction.applyDeep(plain);
    }

    private static void attach(CheckResult result) {
        try {
            Allure.parameter("target", result.target());
            Allure.parameter("job", result.job());
            Allure.addAttachment("evidence", "application/json",
                    CheckLedger.JSON.writeValueAsString(result), ".json");
            // the history the check was judged on, relative to OUT (where the Allure results sit too)
            Allure.link("run record", "../runs/" + result.job() + "/" + result.target() + "/record.json");
        } catch (Exception ignored) {
            // outside an Allure-instrumented test there is nothing to attach to; the ledger still has it
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
