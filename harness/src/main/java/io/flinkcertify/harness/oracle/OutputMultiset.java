package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.workload.Normalisation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A committed output read as a multiset of normalised records, remembering the part file each record was first
 * read from, so a divergence can be shown where it is: "these records, this many times, in that file".
 */
final class OutputMultiset {

    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, String> origin = new HashMap<>();
    private long total;
    private long changedByNormalisation;

    /** Reads every committed part file under {@code dir} (file names relative to it). */
    static OutputMultiset read(Path dir, Normalisation normalisation) {
        OutputMultiset set = new OutputMultiset();
        for (Path file : CommittedOutput.files(dir)) {
            String name = dir.relativize(file).toString();
            for (String line : CommittedOutput.lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                String record = normalisation.apply(line);
                if (!record.equals(line)) {
                    set.changedByNormalisation++;
                }
                set.counts.merge(record, 1L, Long::sum);
                set.origin.putIfAbsent(record, name);
                set.total++;
            }
        }
        return set;
    }

    long total() {
        return total;
    }

    long distinct() {
        return counts.size();
    }

    /** How many records the normalisation changed: zero means the declaration matched nothing. */
    long changedByNormalisation() {
        return changedByNormalisation;
    }

    /** What this side has more of than {@code other}: record -> surplus, in record order. */
    Map<String, Long> minus(OutputMultiset other) {
        Map<String, Long> diff = new TreeMap<>();
        counts.forEach((record, n) -> {
            long extra = n - other.counts.getOrDefault(record, 0L);
            if (extra > 0) {
                diff.put(record, extra);
            }
        });
        return diff;
    }

    /** The first {@code limit} records of a difference, each with its surplus and the file it came from. */
    List<String> describe(Map<String, Long> diff, int limit) {
        List<String> out = new ArrayList<>();
        for (var e : diff.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(e.getKey() + (e.getValue() > 1 ? " (x" + e.getValue() + ")" : "") + " in " + origin.get(e.getKey()));
        }
        return out;
    }

    static long total(Map<String, Long> diff) {
        return diff.values().stream().mapToLong(Long::longValue).sum();
    }
}
