package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.WindowResults;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The event-time-windows workload's output against what its generator implies, computed here from the same
 * formula and never by Flink: per key and tumbling window, the last committed count must equal the number of events
 * whose event time falls in the window (none may be dropped: the generator keeps late events within the allowed
 * lateness), no firing may count more, and no window may be missing or invented. A bounded run is judged on every
 * window; a cancelled unbounded run on the windows old enough that all their events, late ones included, had
 * arrived before a later window fired, and on the rest only for counting too much.
 */
public final class WindowResultsOracle implements Oracle {

    private static final int FIRST = 5;

    /**
     * The generator, as the job's arguments set it (the fixture's defaults otherwise): event {@code i} has key
     * {@code k<i % keys>} and event time {@code epochMs + i * stepMs - delay(i)}, delay {@code outOfOrderMs} when
     * {@code i % 10 == 7}, {@code lateMs} when {@code i % 10 == 3}, else 0.
     */
    public record Generator(int keys, OptionalLong records, long stepMs, long windowMs, long boundMs, long outOfOrderMs,
                            long lateMs, long epochMs) {

        public static Generator fromArgs(List<String> args) {
            return new Generator((int) arg(args, "--keys", 4),
                    arg(args, "--records", -1) >= 0 ? OptionalLong.of(arg(args, "--records", -1)) : OptionalLong.empty(),
                    arg(args, "--step-ms", 10), arg(args, "--window-ms", 1000), arg(args, "--bound-ms", 200),
                    arg(args, "--out-of-order-ms", 150), arg(args, "--late-ms", 1200), arg(args, "--epoch-ms", 10_000));
        }

        private static long arg(List<String> args, String name, long otherwise) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? Long.parseLong(args.get(i + 1)) : otherwise;
        }

        long eventTime(long index) {
            long delay = index % 10 == 7 ? outOfOrderMs : index % 10 == 3 ? lateMs : 0;
            return epochMs + index * stepMs - delay;
        }

        long windowStart(long eventTime) {
            return Math.floorDiv(eventTime, windowMs) * windowMs;
        }

        /** Events per key and window start over indices {@code [0, end)}. */
        Map<String, Long> counts(long end) {
            Map<String, Long> counts = new HashMap<>();
            for (long i = 0; i < end; i++) {
                counts.merge(window("k" + (i % keys), windowStart(eventTime(i))), 1L, Long::sum);
            }
            return counts;
        }

        /** The first index past every event of windows starting at or before {@code windowStart}. */
        long endOfWindow(long windowStart) {
            return Math.max(0, Math.floorDiv(windowStart + windowMs + lateMs, stepMs) + 1);
        }
    }

    private final Generator generator;

    public WindowResultsOracle(Generator generator) {
        this.generator = generator;
    }

    static String window(String key, long start) {
        return key + "@" + start;
    }

    @Override
    public Judgement judge(RunRecord record) {
        Optional<RunEvent.OutputCommitted> output = record.last(RunEvent.OutputCommitted.class);
        if (output.isEmpty()) {
            return Judgement.fail("the run record holds no committed output to judge");
        }
        return judge(record.home().resolve(output.get().directory()));
    }

    /** Judges the committed output under {@code outputDir}. */
    public Judgement judge(Path outputDir) {
        List<Path> files = CommittedOutput.files(outputDir);
        Map<String, Long> last = new TreeMap<>();
        Map<String, Long> max = new HashMap<>();
        List<String> malformed = new ArrayList<>();
        long firings = 0;
        long maxStart = Long.MIN_VALUE;
        for (Path file : files) {
            for (String line : CommittedOutput.lines(file)) {
                String[] parts = line.split(",");
                try {
                    if (parts.length != 3) {
                        throw new NumberFormatException();
                    }
                    long start = Long.parseLong(parts[1]);
                    long count = Long.parseLong(parts[2]);
                    String w = window(parts[0], start);
                    // firings of one window are committed in order: a later one holds at least the earlier count
                    max.merge(w, count, Math::max);
                    last.put(w, max.get(w));
                    maxStart = Math.max(maxStart, start);
                    firings++;
                } catch (NumberFormatException e) {
                    if (malformed.size() < FIRST) {
                        malformed.add(line);
                    }
                }
            }
        }
        Map<String, Long> expected;
        long completeUpTo;
        if (generator.records().isPresent()) {
            expected = generator.counts(generator.records().getAsLong());
            completeUpTo = Long.MAX_VALUE;
        } else {
            if (last.isEmpty()) {
                return Judgement.fail("no window result committed (" + files.size() + " file(s))", evidence(files, 0,
                        last, firings, 0, 0, 0, List.of(), List.of(), malformed));
            }
            // a window that fired proves the watermark passed it, so every event up to its end plus the bound had
            // arrived (one source, in order); windows that far behind have all their events, late ones included
            completeUpTo = maxStart + generator.boundMs() - generator.lateMs();
            expected = generator.counts(generator.endOfWindow(maxStart));
        }
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        long missingCount = 0;
        long wrongCount = 0;
        long overCounted = 0;
        long judged = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(expected).entrySet()) {
            long start = Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1));
            Long found = last.get(e.getKey());
            if (start <= completeUpTo) {
                judged++;
                if (found == null) {
                    missingCount++;
                    if (missing.size() < FIRST) {
                        missing.add(e.getKey() + " (" + e.getValue() + " events)");
                    }
                } else if (found.longValue() != e.getValue()) {
                    wrongCount++;
                    if (wrong.size() < FIRST) {
                        wrong.add(e.getKey() + ": " + found + " != " + e.getValue());
                    }
                }
            }
            if (found != null && found > e.getValue()) {
                overCounted++;
            }
        }
        long unexpected = last.keySet().stream().filter(w -> !expected.containsKey(w)).count();
        WindowResults evidence = evidence(files, judged, last, firings, missingCount, unexpected, overCounted, wrong,
                missing, malformed);
        List<String> problems = new ArrayList<>();
        if (missingCount > 0) {
            problems.add(missingCount + " window(s) missing (first: " + String.join(", ", missing) + ")");
        }
        if (wrongCount > 0) {
            problems.add(wrongCount + " window(s) with a wrong last count (first: " + String.join(", ", wrong) + ")");
        }
        if (overCounted > 0) {
            problems.add(overCounted + " window(s) counted more events than they have (an event counted twice)");
        }
        if (unexpected > 0) {
            problems.add(unexpected + " window(s) no event falls in");
        }
        if (!malformed.isEmpty()) {
            problems.add("lines that are not key,windowStart,count (first: " + malformed + ")");
        }
        if (judged == 0) {
            problems.add("no window was old enough to judge");
        }
        return problems.isEmpty() ? Judgement.pass(evidence) : Judgement.fail(String.join("; ", problems), evidence);
    }

    private static WindowResults evidence(List<Path> files, long judged, Map<String, Long> found, long firings,
                                          long missing, long unexpected, long overCounted, List<String> wrong,
                                          List<String> firstMissing, List<String> malformed) {
        return new WindowResults(files.size(), judged, found.size(), firings, firings - found.size(), missing,
                unexpected, overCounted, wrong, firstMissing, malformed);
    }
}
