package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The gate's word on one job, as verdict.json's {@code jobs[]} carries it (beside the job's checks) and the HTML
 * report reads it: {@code job, score, advice, reasons, nextAction, components[] {name, weight, score,
 * measurements[], deductions[] {points, reason, source}}, diagnoses[]}} (schema
 * {@code /flink-certify/job-assessment.schema.json}).
 *
 * @param score     0-10, one decimal; absent when no component could be measured
 * @param diagnoses the probable cause of each failed check (absent when none failed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobAssessment(String job, Double score, Advice advice, List<String> reasons, String nextAction,
                            List<ComponentScore> components, List<Diagnosis> diagnoses) {

    JobAssessment withDiagnoses(List<Diagnosis> found) {
        return new JobAssessment(job, score, advice, reasons, nextAction, components, found.isEmpty() ? null : found);
    }
}
