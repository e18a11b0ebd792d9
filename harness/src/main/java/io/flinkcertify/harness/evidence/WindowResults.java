package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Event-time window counts in the committed output against the counts the harness computed from the generator.
 *
 * @param windowsExpected windows the generator's events fall in (bounded), or the windows old enough to be complete
 *                        when the unbounded job was cancelled
 * @param firings         committed window results: a window fires once on time and once per late event
 * @param lateFirings     firings after a window's first: late events that arrived within the allowed lateness
 * @param wrongCounts     windows whose last count differs from the computed one ({@code key@start: found != expected})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WindowResults(int committedFiles, long windowsExpected, long windowsFound, long firings, long lateFirings,
                            long missingWindows, long unexpectedWindows, long overCounted, List<String> wrongCounts,
                            List<String> firstMissing, List<String> malformedLines) implements Evidence {

    @Override
    public String headline() {
        return "windows=" + windowsFound + " lateFirings=" + lateFirings;
    }
}
