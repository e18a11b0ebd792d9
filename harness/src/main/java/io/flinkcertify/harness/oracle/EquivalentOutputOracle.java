package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.workload.Normalisation;
import io.flinkcertify.harness.evidence.Equivalence;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code equivalent-output}, and every differential check built on it: two committed outputs are the same multiset
 * of records. Order is ignored (a FileSink makes no order promise across part files); multiplicity is not. It knows
 * nothing of targets or of the job's record format, only of two output directories and the normalisation the
 * manifest declared, so any job that writes its results under {@code ${output}} can be judged, on any target.
 */
public final class EquivalentOutputOracle implements PairOracle {

    private static final int FIRST_DIFFERENCES = 5;

    private final Normalisation normalisation;

    /** Records compared exactly as committed. */
    public EquivalentOutputOracle() {
        this(Normalisation.NONE);
    }

    /** Records compared after the job's declared normalisation (shown in the evidence). */
    public EquivalentOutputOracle(Normalisation normalisation) {
        this.normalisation = normalisation;
    }

    /** Compares the committed output each record holds last; the same kind twice is labelled A and B. */
    @Override
    public Judgement judge(RunRecord left, RunRecord right) {
        Optional<RunEvent.OutputCommitted> l = left.last(RunEvent.OutputCommitted.class);
        Optional<RunEvent.OutputCommitted> r = right.last(RunEvent.OutputCommitted.class);
        if (l.isEmpty() || r.isEmpty()) {
            return Judgement.fail("no committed output recorded on " + (l.isEmpty() ? left.target() : right.target()));
        }
        boolean same = left.target().equals(right.target());
        return judge(same ? left.target() + "A" : left.target(), left.home().resolve(l.get().directory()),
                same ? right.target() + "B" : right.target(), right.home().resolve(r.get().directory()));
    }

    public Judgement judge(String leftLabel, Path left, String rightLabel, Path right) {
        OutputMultiset leftSet = OutputMultiset.read(left, normalisation);
        OutputMultiset rightSet = OutputMultiset.read(right, normalisation);
        Map<String, Long> onlyLeft = leftSet.minus(rightSet);
        Map<String, Long> onlyRight = rightSet.minus(leftSet);

        Equivalence evidence = new Equivalence(
                new Equivalence.Side(leftLabel, leftSet.total(), OutputMultiset.total(onlyLeft),
                        leftSet.describe(onlyLeft, FIRST_DIFFERENCES)),
                new Equivalence.Side(rightLabel, rightSet.total(), OutputMultiset.total(onlyRight),
                        rightSet.describe(onlyRight, FIRST_DIFFERENCES)),
                leftSet.distinct(), null, normalisation.none() ? null
                        : new Equivalence.Normalised(normalisation.describe(),
                                leftSet.changedByNormalisation() + rightSet.changedByNormalisation()));

        if (leftSet.total() == 0) {
            return Judgement.fail("no committed records on " + leftLabel + ": nothing to compare", evidence);
        }
        if (onlyLeft.isEmpty() && onlyRight.isEmpty()) {
            return Judgement.pass(evidence);
        }
        return Judgement.fail(evidence.left().only() + " record(s) only on " + leftLabel + " (first: "
                + evidence.left().firstOnly() + "), " + evidence.right().only() + " only on " + rightLabel
                + " (first: " + evidence.right().firstOnly() + ")", evidence);
    }
}
