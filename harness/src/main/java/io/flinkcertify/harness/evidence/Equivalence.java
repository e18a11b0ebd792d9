package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two committed outputs compared as multisets. Each side is written under its own label (the target's name), as
 * {@code <label>Records}, {@code only<Label>} and {@code firstOnly<Label>}, so the evidence reads in the targets'
 * words.
 *
 * @param runs       the two runs compared (target, job id, final state), when they were run for this check; else null
 * @param normalised what was done to every record before the comparison, when the manifest declared it; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Equivalence(@JsonIgnore Side left, @JsonIgnore Side right, long distinctRecords, Runs runs,
                          Normalised normalised)
        implements Evidence {

    /** One side: its label, records committed, records only it has, and the first of those (with their file). */
    public record Side(String label, long records, long only, List<String> firstOnly) {}

    /**
     * The manifest's normalisation, as applied: its description, and how many records it changed (zero says the
     * declaration matched nothing, which is worth knowing when a comparison still fails).
     */
    public record Normalised(String applied, long recordsChanged) {}

    /** A run that produced one side. */
    public record RunFacts(String target, String jobId, String finalState) {}

    /** The two runs compared. */
    public record Runs(RunFacts left, RunFacts right) {}

    public Equivalence withRuns(RunFacts leftRun, RunFacts rightRun) {
        return new Equivalence(left, right, distinctRecords, new Runs(leftRun, rightRun), normalised);
    }

    @JsonAnyGetter
    Map<String, Object> sides() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Side s : List.of(left, right)) {
            m.put(s.label() + "Records", s.records());
        }
        for (Side s : List.of(left, right)) {
            m.put("only" + capitalised(s.label()), s.only());
        }
        for (Side s : List.of(left, right)) {
            if (!s.firstOnly().isEmpty()) {
                m.put("firstOnly" + capitalised(s.label()), s.firstOnly());
            }
        }
        return m;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String headline() {
        return left.label() + "Records=" + left.records() + " " + right.label() + "Records=" + right.records()
                + " only" + capitalised(left.label()) + "=" + left.only() + " only" + capitalised(right.label()) + "="
                + right.only();
    }
}
