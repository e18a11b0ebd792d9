package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One component of a job's health score with everything that explains it.
 *
 * @param score        0-10; absent when nothing was measured for it (the weighted average leaves it out)
 * @param measurements what was looked at, one line each
 * @param deductions   points lost, each with its reason and source
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentScore(Component name, double weight, Double score, List<String> measurements,
                             List<Deduction> deductions) {

    public boolean measured() {
        return score != null;
    }
}
