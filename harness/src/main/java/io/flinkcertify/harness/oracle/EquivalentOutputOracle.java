package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Equivalence;

import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import java.util.Optional;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code equivalent-output}: the committed outputs of the same workload, same seed and bounded input, on two
 * targets are the same multiset of records. Order is ignored (a FileSink makes no order promise across part
 * files); multiplicity is not. This is the heart of the migration check: it knows nothing of targets, only of
 * two output directories, so every target kind plugs in unchanged.
 */
public final class EquivalentOutputOracle implements PairOracle {

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

    private static final int FIRST_DIFFERENCES = 5;

    public Judgement judge(String leftLabel, Path left, String rightLabel, Path right) {
        Map<String, Long> leftCounts = count(left);
        Map<String, Long> rightCounts = count(right);
        Map<String, Long> onlyLeft = minus(leftCounts, rightCounts);
        Map<String, Long> onlyRight = minus(rightCounts, leftCounts);

        Equivalence evidence = new Equivalence(
                new Equivalence.Side(leftLabel, total(leftCounts), total(onlyLeft), first(onlyLeft)),
                new Equivalence.Side(rightLabel, total(rightCounts), total(onlyRight), first(onlyRight)),
                leftCounts.size(), null);

        if (total(leftCounts) == 0) {
            return Judgement.fail("no committed records on " + leftLabel + ": nothing to compare", evidence);
        }
        if (onlyLeft.isEmpty() && onlyRight.isEmpty()) {
            return Judgement.pass(evidence);
        }
        return Judgement.fail(total(onlyLeft) + " record(s) only on " + leftLabel + " (first: " + first(onlyLeft) + "), "
                + total(onlyRight) + " only on " + rightLabel + " (first: " + first(onlyRight) + ")", evidence);
    }

    private static Map<String, Long> count(Path dir) {
        Map<String, Long> counts = new HashMap<>();
        for (Path file : CommittedOutput.files(dir)) {
            for (String line : CommittedOutput.lines(file)) {
                if (!line.isBlank()) {
                    counts.merge(line, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** Multiset difference a - b. */
    private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> diff = new TreeMap<>();
        a.forEach((record, n) -> {
            long extra = n - b.getOrDefault(record, 0L);
            if (extra > 0) {
                diff.put(record, extra);
            }
        });
        return diff;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> first(Map<String, Long> diff) {
        List<String> out = new ArrayList<>();
        for (var e : diff.entrySet()) {
            if (out.size() == FIRST_DIFFERENCES) {
                break;
            }
            out.add(e.getValue() > 1 ? e.getKey() + " (x" + e.getValue() + ")" : e.getKey());
        }
        return out;
    }

}
