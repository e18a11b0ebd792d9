package io.flinkcertify.harness.fault.proxy;

import java.util.Arrays;

/**
 * Fixed-size log-linear histogram of delays, so a proxy that runs for hours keeps constant memory (about 140 KiB)
 * however many chunks it forwards. Values are kept in microseconds: exact below 2.048 ms, and above that in buckets
 * whose width is at most 1/1024 of their lower bound, up to 60 s; beyond that only an overflow count. Count, sum,
 * min and max are tracked exactly so the mean never carries bucket error.
 *
 * <p>Thread-safe: the proxy's selector thread records while test or fault code takes snapshots.
 */
final class DelayHistogram {

    static final long MAX_TRACKED_MICROS = 60_000_000L;

    /** Half of the sub-buckets per power of two; 1024 gives the 1/1024 relative resolution. */
    private static final int SUB_BITS = 10;
    private static final int SUB = 1 << SUB_BITS;
    private static final int LINEAR = SUB * 2;
    private static final int BUCKETS = bucketOf(MAX_TRACKED_MICROS) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long overflow;
    private long sumNanos;
    private long minNanos = Long.MAX_VALUE;
    private long maxNanos;

    synchronized void record(long delayNanos) {
        // nanoTime is monotonic, but a caller's arithmetic mistake must not corrupt the histogram index.
        long nanos = Math.max(0, delayNanos);
        long micros = nanos / 1_000;
        if (micros > MAX_TRACKED_MICROS) {
            overflow++;
        } else {
            counts[bucketOf(micros)]++;
        }
        count++;
        sumNanos += nanos;
        minNanos = Math.min(minNanos, nanos);
        maxNanos = Math.max(maxNanos, nanos);
    }

    synchronized void reset() {
        Arrays.fill(counts, 0);
        count = 0;
        overflow = 0;
        sumNanos = 0;
        minNanos = Long.MAX_VALUE;
        maxNanos = 0;
    }

    synchronized DelaySummary summary() {
        if (count == 0) {
            return DelaySummary.EMPTY;
        }
        return new DelaySummary(count, sumNanos / 1e6 / count, minNanos / 1e6,
                percentileMs(50), percentileMs(99), maxNanos / 1e6, overflow);
    }

    static int bucketCount() {
        return BUCKETS;
    }

    private double percentileMs(double percentile) {
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                double mid = lowerBoundMicros(i) + (widthMicros(i) - 1) / 2.0;
                // The bucket midpoint can lie outside what was observed; never report a delay nobody saw.
                return Math.min(maxNanos / 1e6, Math.max(minNanos / 1e6, mid / 1e3));
            }
        }
        return maxNanos / 1e6; // the rank falls among the overflowed values
    }

    static int bucketOf(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        return LINEAR + (shift - 1) * SUB + (int) ((micros >>> shift) - SUB);
    }

    static long lowerBoundMicros(int bucket) {
        if (bucket < LINEAR) {
            return bucket;
        }
        int k = bucket - LINEAR;
        int shift = k / SUB + 1;
        return (long) (k % SUB + SUB) << shift;
    }

    static long widthMicros(int bucket) {
        return bucket < LINEAR ? 1 : 1L << ((bucket - LINEAR) / SUB + 1);
    }
}
