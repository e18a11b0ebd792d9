package io.flinkcertify.harness.capacity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** The outcome of a capacity search, with every trial it ran as evidence. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Capacity.Found.class, name = "found"),
        @JsonSubTypes.Type(value = Capacity.NotSustainedAtMinimum.class, name = "not-sustained-at-minimum"),
        @JsonSubTypes.Type(value = Capacity.SustainedAtMaximum.class, name = "sustained-at-maximum"),
        @JsonSubTypes.Type(value = Capacity.Inconclusive.class, name = "inconclusive")})
public sealed interface Capacity {

    List<JudgedTrial> trials();

    /** One trial and the verdict on it; {@code reason} says why it was not sustained (null when it was). */
    record JudgedTrial(RateTrial trial, boolean sustained, String reason) {}

    /** The job sustains {@code rate} (evidence: {@code sustainedAt}) and fails at 1.25x it ({@code failedAbove}). */
    record Found(double rate, JudgedTrial sustainedAt, JudgedTrial failedAbove, List<JudgedTrial> trials) implements Capacity {}

    /** Even the lowest rate the search may offer was not sustained: the job is under-provisioned or broken. */
    record NotSustainedAtMinimum(double minimumRate, List<JudgedTrial> trials) implements Capacity {}

    /** The highest rate the search may offer was sustained: the capacity is at least that. */
    record SustainedAtMaximum(double maximumRate, List<JudgedTrial> trials) implements Capacity {}

    /** The trial budget ran out before a sustained rate and a failed 1.25x step were both found (noisy results). */
    record Inconclusive(String reason, List<JudgedTrial> trials) implements Capacity {}
}
