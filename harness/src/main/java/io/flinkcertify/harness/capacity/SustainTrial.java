package io.flinkcertify.harness.capacity;

/** Runs the job at an offered rate (its rate argument) at fixed resources and reports what it achieved. */
@FunctionalInterface
public interface SustainTrial {

    RateTrial run(double offeredRate);
}
