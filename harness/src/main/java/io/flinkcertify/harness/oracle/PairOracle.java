package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.record.RunRecord;

/** Judges two deployments against each other (same job on two targets, or a run and its reference). */
@FunctionalInterface
public interface PairOracle {

    Judgement judge(RunRecord left, RunRecord right);
}
