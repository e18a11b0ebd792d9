package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.record.RunRecord;

/**
 * Judges one deployment's history. Oracles read nothing but the record, so a run can be re-judged offline and an
 * oracle can be tested on a synthetic history (as Jepsen tests its checkers).
 */
@FunctionalInterface
public interface Oracle {

    Judgement judge(RunRecord record);
}
