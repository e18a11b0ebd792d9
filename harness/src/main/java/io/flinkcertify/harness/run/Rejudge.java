package io.flinkcertify.harness.run;

import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.oracle.AvailabilityOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.oracle.Oracle;
import io.flinkcertify.harness.oracle.RecoveryOracle;
import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Re-judges the run records of an earlier certification offline: every check an oracle decided on a single run
 * record is decided again from the record as it stood at that moment, and compared with what was decided then.
 * Checks that need a live cluster (deploy, finish, ...) or two records are not re-judged here.
 */
public final class Rejudge {

    /** One re-judged check: what the run decided, what the oracle decides now. */
    public record Outcome(String job, String target, int run, String check, boolean passedThen, String reasonThen,
                          boolean passedNow, String reasonNow) {
        public boolean agrees() {
            return passedThen == passedNow && java.util.Objects.equals(reasonThen, reasonNow);
        }

        @Override
        public String toString() {
            return job + "@" + target + " run " + run + " " + check + ": " + (passedNow ? "PASSED" : "FAILED")
                    + (agrees() ? " (as recorded)" : " (recorded " + (passedThen ? "PASSED" : "FAILED: " + reasonThen)
                    + (passedNow ? "" : "; now: " + reasonNow) + ")");
        }
    }

    public List<Outcome> rejudge(Path out) {
        List<Outcome> outcomes = new ArrayList<>();
        for (RecordFile file : RecordFile.readAll(out)) {
            for (RunRecord record : file.runs()) {
                record.all(RunEvent.Judged.class).forEach(judged -> oracleFor(judged.check()).ifPresent(oracle -> {
                    RunRecord then = record.upTo(judged);
                    Judgement now = oracle.judge(then);
                    outcomes.add(new Outcome(record.job(), record.target(), record.run(), judged.check(),
                            judged.passed(), judged.reason(), now.passed(), now.reason()));
                }));
            }
        }
        return outcomes;
    }

    /** The oracle that decided a check of this name from the record alone, if any. */
    static Optional<Oracle> oracleFor(String check) {
        if (check.equals(AvailabilityOracle.WINDOW)) {
            return Optional.of(new AvailabilityOracle());
        }
        if (check.equals("exactly-once")) {
            return Optional.of(new ExactlyOnceOracle());
        }
        if (check.equals(io.flinkcertify.harness.oracle.TransactionTimeoutOracle.PHASE)) {
            return Optional.of(new io.flinkcertify.harness.oracle.TransactionTimeoutOracle());
        }
        if (Arrays.stream(FaultKind.values()).anyMatch(k -> k.label().equals(check))) {
            return Optional.of(record -> RecoveryOracle.asRecorded(record).judge(record));
        }
        return Optional.empty();
    }
}
