package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The committed output checked per key: no gap, repeat, reordering or keyed-state mismatch. The per-key maps list
 * only offending keys (absent when there are none), each with its count and first offending sequence numbers.
 *
 * @param recordsExpected the bounded workload's total, null for an unbounded one
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ExactlyOnce(int committedFiles, long recordsVerified, int keys, Long recordsExpected, long gaps,
                          long repeats, long outOfOrder, long stateMismatches, Map<String, Offenders> gapsByKey,
                          Map<String, Offenders> repeatsByKey, Map<String, Offenders> outOfOrderByKey,
                          Map<String, Offenders> stateMismatchesByKey, List<String> malformedLines,
                          List<String> missingKeys) implements Evidence {

    /** How often a key offended, and the first sequence numbers that did. */
    public record Offenders(long count, List<Long> first) {}

    @Override
    public String headline() {
        return "recordsVerified=" + recordsVerified;
    }
}
