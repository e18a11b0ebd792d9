package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.DuplicateKeys;
import io.flinkcertify.harness.workload.Normalisation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code no-duplicates}: in an unbounded job's committed output, no declared record key appears twice. The
 * differential oracles need a bounded run to compare with; for a job that never ends, a key the job says identifies
 * a record is what can be checked without the keyed-sequence convention.
 */
public final class DuplicateKeysOracle {

    private static final int FIRST = 5;

    private final Normalisation reading;

    public DuplicateKeysOracle(Normalisation reading) {
        if (reading.recordKey() == null) {
            throw new IllegalArgumentException("no record key declared");
        }
        this.reading = reading;
    }

    public Judgement judge(Path output) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, TreeSet<String>> files = new HashMap<>();
        long records = 0;
        long withoutKey = 0;
        for (Path file : CommittedOutput.files(output)) {
            String name = output.relativize(file).toString();
            for (String line : CommittedOutput.lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                records++;
                var key = reading.key(line);
                if (key.isEmpty()) {
                    withoutKey++;
                    continue;
                }
                counts.merge(key.get(), 1L, Long::sum);
                files.computeIfAbsent(key.get(), k -> new TreeSet<>()).add(name);
            }
        }
        Map<String, Long> duplicated = new TreeMap<>();
        counts.forEach((k, n) -> {
            if (n > 1) {
                duplicated.put(k, n);
            }
        });
        List<String> first = new ArrayList<>();
        for (var e : duplicated.entrySet()) {
            if (first.size() == FIRST) {
                break;
            }
            first.add(e.getKey() + " (x" + e.getValue() + ") in " + String.join(", ", files.get(e.getKey())));
        }
        DuplicateKeys evidence = new DuplicateKeys(reading.recordKey(), records, counts.size(), duplicated.size(), first,
                withoutKey);
        if (records == 0) {
            return Judgement.fail("no committed records to judge", evidence);
        }
        if (counts.isEmpty()) {
            return Judgement.fail("no record has the key " + reading.recordKey() + " (" + records
                    + " read): is the recordKey right for the output's format?", evidence);
        }
        return duplicated.isEmpty() ? Judgement.pass(evidence) : Judgement.fail(duplicated.size()
                + " key(s) committed more than once (first: " + first + ")", evidence);
    }
}
