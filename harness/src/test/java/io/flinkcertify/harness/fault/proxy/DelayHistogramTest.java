package io.flinkcertify.harness.fault.proxy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayHistogramTest {

    @Test
    void bucketsTileTheRangeWithoutGapsAndStayBounded() {
        long previousEnd = 0;
        for (int b = 0; b < DelayHistogram.bucketCount(); b++) {
            long lower = DelayHistogram.lowerBoundMicros(b);
            assertEquals(previousEnd, lower, "bucket " + b + " starts where the previous ended");
            assertEquals(b, DelayHistogram.bucketOf(lower));
            long width = DelayHistogram.widthMicros(b);
            assertEquals(b, DelayHistogram.bucketOf(lower + width - 1));
            assertTrue(lower < 2048 || width * 1024 <= lower, "relative width at most 1/1024 at bucket " + b);
            previousEnd = lower + width;
        }
        assertTrue(previousEnd > DelayHistogram.MAX_TRACKED_MICROS, "covers 60 s");
        assertTrue(DelayHistogram.bucketCount() < 20_000, "fixed, small footprint: " + DelayHistogram.bucketCount());
    }

    @Test
    void summaryIsExactForMeanMinMaxAndCloseForPercentiles() {
        DelayHistogram h = new DelayHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(ms * 1_000_000L);
        }
        DelaySummary s = h.summary();
        assertEquals(1000, s.count());
        assertEquals(500.5, s.meanMs(), 1e-9);
        assertEquals(1.0, s.minMs(), 1e-9);
        assertEquals(1000.0, s.maxMs(), 1e-9);
        assertEquals(500.0, s.p50Ms(), 500.0 / 1000);
        assertEquals(990.0, s.p99Ms(), 990.0 / 1000);
    }

    @Test
    void overflowKeepsMeanAndMaxTrue() {
        DelayHistogram h = new DelayHistogram();
        h.record(10_000_000L);
        h.record(120_000_000_000L);
        DelaySummary s = h.summary();
        assertEquals(1, s.overflow());
        assertEquals(120_000.0, s.maxMs(), 1e-9);
        assertEquals(120_000.0, s.p99Ms(), 1e-9);
        assertEquals((10 + 120_000) / 2.0, s.meanMs(), 1e-9);
    }

    @Test
    void resetStartsOver() {
        DelayHistogram h = new DelayHistogram();
        new Random(1).longs(10_000, 0, 5_000_000_000L).forEach(h::record);
        h.reset();
        assertEquals(DelaySummary.EMPTY, h.summary());
        h.record(2_000_000L);
        assertEquals(2.0, h.summary().p50Ms(), 1e-9);
    }
}
