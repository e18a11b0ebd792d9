package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.ExactlyOnce;

import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import java.util.Optional;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Exactly-once per key over committed output in the keyed-sequence convention ({@code key,seq,count} lines).
 * Per key it reports gaps (loss), repeats (duplicates), values out of order within a part file, and state
 * mismatches ({@code count != seq + 1}: keyed state lost or rewound), each with a count and the first offenders.
 *
 * <p>For a bounded run the expected range per key is known from the total; otherwise the observed range
 * {@code [0, max]} must be complete (a cancelled unbounded job may stop anywhere, but not with holes).
 */
public final class ExactlyOnceOracle implements Oracle {

    /**
     * Judges the committed output recorded last in the run (its copy next to the record), against the expectation
     * the deployment declared: per-key totals for a bounded run, the observed range otherwise.
     */
    @Override
    public Judgement judge(RunRecord record) {
        Optional<RunEvent.Deployed> deployed = record.last(RunEvent.Deployed.class);
        Optional<RunEvent.OutputCommitted> output = record.last(RunEvent.OutputCommitted.class);
        if (deployed.isEmpty() || output.isEmpty()) {
            return Judgement.fail("the run record holds no " + (deployed.isEmpty() ? "deployment" : "committed output")
                    + " to judge");
        }
        RunEvent.Deployed d = deployed.get();
        Expectation expectation = new Expectation(
                d.keys() == null ? OptionalLong.empty() : OptionalLong.of(d.keys()),
                d.bounded() && d.records() != null ? OptionalLong.of(d.records()) : OptionalLong.empty());
        return judge(record.home().resolve(output.get().directory()), expectation);
    }

    private static final int FIRST_OFFENDERS = 5;

    /** What the run should have produced, where known. */
    public record Expectation(OptionalLong keys, OptionalLong totalRecords) {
        public static Expectation unknown() {
            return new Expectation(OptionalLong.empty(), OptionalLong.empty());
        }

        long expectedCount(int keyIndex) {
            long k = keys.getAsLong();
            if (keyIndex < 0 || keyIndex >= k) {
                return 0; // a key the job was never asked to produce: every value of it is unexpected
            }
            long n = totalRecords.getAsLong();
            return n / k + (keyIndex < n % k ? 1 : 0);
        }
    }

    public Judgement judge(Path outputDir, Expectation expectation) {
        List<Path> files = CommittedOutput.files(outputDir);
        Map<String, List<Long>> valuesByKey = new TreeMap<>();
        Map<String, Counter> outOfOrder = new TreeMap<>();
        Map<String, Counter> stateMismatch = new TreeMap<>();
        List<String> malformed = new ArrayList<>();
        long records = 0;
        for (Path file : files) {
            Map<String, Long> lastInFile = new HashMap<>();
            int lineNo = 0;
            for (String line : CommittedOutput.lines(file)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                long seq;
                long count;
                try {
                    seq = Long.parseLong(f[1].trim());
                    count = f.length > 2 ? Long.parseLong(f[2].trim()) : seq + 1;
                } catch (RuntimeException e) {
                    if (malformed.size() < FIRST_OFFENDERS) {
                        malformed.add(file.getFileName() + ":" + lineNo + " '" + line + "'");
                    }
                    continue;
                }
                String key = f[0].trim();
                records++;
                valuesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(seq);
                Long previous = lastInFile.put(key, seq);
                if (previous != null && seq <= previous) {
                    outOfOrder.computeIfAbsent(key, k -> new Counter()).add(seq);
                }
                if (count != seq + 1) {
                    stateMismatch.computeIfAbsent(key, k -> new Counter()).add(seq);
                }
            }
        }

        Map<String, ExactlyOnce.Offenders> gaps = new TreeMap<>();
        Map<String, ExactlyOnce.Offenders> repeats = new TreeMap<>();
        long totalGaps = 0;
        long totalRepeats = 0;
        for (var entry : valuesByKey.entrySet()) {
            long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            long expectedCount = expectedCount(entry.getKey(), expectation, sorted);
            boolean knownRange = expectation.totalRecords().isPresent();
            Counter gap = new Counter();
            Counter repeat = new Counter();
            long next = 0;
            for (long v : sorted) {
                if (v < next || (knownRange && v >= expectedCount)) {
                    // a value seen before, or one the bounded job should never have produced
                    repeat.add(v);
                    continue;
                }
                for (long missing = next; missing < v; missing++) {
                    gap.add(missing);
                }
                next = v + 1;
            }
            for (long missing = next; missing < expectedCount; missing++) {
                gap.add(missing);
            }
            if (gap.count > 0) {
                gaps.put(entry.getKey(), gap.offenders());
                totalGaps += gap.count;
            }
            if (repeat.count > 0) {
                repeats.put(entry.getKey(), repeat.offenders());
                totalRepeats += repeat.count;
            }
        }

        List<String> missingKeys = new ArrayList<>();
        if (expectation.keys().isPresent()) {
            for (int k = 0; k < expectation.keys().getAsLong(); k++) {
                boolean expectsRecords = expectation.totalRecords().isEmpty() || expectation.expectedCount(k) > 0;
                if (expectsRecords && !valuesByKey.containsKey("k" + k)) {
                    missingKeys.add("k" + k);
                }
            }
        }

        long outOfOrderTotal = outOfOrder.values().stream().mapToLong(c -> c.count).sum();
        long mismatchTotal = stateMismatch.values().stream().mapToLong(c -> c.count).sum();
        ExactlyOnce evidence = new ExactlyOnce(files.size(), records, valuesByKey.size(),
                expectation.totalRecords().isPresent() ? expectation.totalRecords().getAsLong() : null,
                totalGaps, totalRepeats, outOfOrderTotal, mismatchTotal, gaps, repeats, offenders(outOfOrder),
                offenders(stateMismatch), malformed, missingKeys);

        List<String> problems = new ArrayList<>();
        if (records == 0) problems.add("no committed records in " + outputDir);
        if (totalGaps > 0) problems.add(totalGaps + " missing (first: " + firstOf(gaps) + ")");
        if (totalRepeats > 0) problems.add(totalRepeats + " duplicated (first: " + firstOf(repeats) + ")");
        if (!outOfOrder.isEmpty()) problems.add(outOfOrderTotal + " out of order (first: " + firstOf(offenders(outOfOrder)) + ")");
        if (!stateMismatch.isEmpty()) problems.add(mismatchTotal + " with wrong keyed-state count (first: " + firstOf(offenders(stateMismatch)) + ")");
        if (!malformed.isEmpty()) problems.add("malformed lines (first: " + malformed.get(0) + ")");
        if (!missingKeys.isEmpty()) problems.add("keys without output: " + missingKeys);
        return problems.isEmpty() ? Judgement.pass(evidence) : Judgement.fail(String.join("; ", problems), evidence);
    }

    private static long expectedCount(String key, Expectation expectation, long[] sorted) {
        if (expectation.keys().isPresent() && expectation.totalRecords().isPresent() && key.startsWith("k")) {
            try {
                return expectation.expectedCount(Integer.parseInt(key.substring(1)));
            } catch (NumberFormatException ignored) {
                // not a reference key name: fall back to the observed range
            }
        }
        return observedEnd(sorted);
    }

    private static long observedEnd(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] + 1;
    }

    private static Map<String, ExactlyOnce.Offenders> offenders(Map<String, Counter> counters) {
        Map<String, ExactlyOnce.Offenders> out = new TreeMap<>();
        counters.forEach((k, c) -> out.put(k, c.offenders()));
        return out;
    }

    private static String firstOf(Map<String, ExactlyOnce.Offenders> byKey) {
        var e = byKey.entrySet().iterator().next();
        return e.getKey() + " " + e.getValue().first();
    }

    private static final class Counter {
        long count;
        final List<Long> first = new ArrayList<>();

        void add(long value) {
            count++;
            if (first.size() < FIRST_OFFENDERS) {
                first.add(value);
            }
        }

        ExactlyOnce.Offenders offenders() {
            return new ExactlyOnce.Offenders(count, List.copyOf(first));
        }
    }
}
