package io.flinkcertify.harness.gate;

/**
 * Points a component lost, and why.
 *
 * @param source the check ({@code suite/name @ target}) or metric the deduction comes from
 */
public record Deduction(double points, String reason, String source) {}
