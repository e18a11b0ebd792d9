package io.flinkcertify.harness.metric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void centreSpreadAndIntervalsOfOddAndEvenCounts() {
        Summary odd = Summary.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertEquals(3.0, odd.median());
        assertEquals(1.0, odd.min());
        assertEquals(5.0, odd.max());
        assertEquals(3.0, odd.mean());
        assertEquals(Math.sqrt(2.5) / 3.0, odd.cv(), 1e-12);
        assertEquals(2.5, Summary.of(List.of(1.0, 2.0, 3.0, 4.0)).median());
    }

    @Test
    void fiveSamplesCannotGiveA95PercentMedianIntervalSoTheFullRangeSaysWhatItCovers() {
        Interval i = Summary.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0)).medianInterval();
        assertEquals(1.0, i.low());
        assertEquals(5.0, i.high());
        assertEquals(1 - 2 / 32.0, i.level(), 1e-12); // 1 - 2 * 0.5^5
    }

    @Test
    void twentySamplesGiveAnInnerMedianIntervalOfAtLeast95Percent() {
        List<Double> values = java.util.stream.IntStream.rangeClosed(1, 20).mapToDouble(i -> i).boxed().toList();
        Summary s = Summary.of(values);
        Interval median = s.medianInterval();
        assertTrue(median.level() >= 0.95, "coverage " + median.level());
        assertEquals(6.0, median.low());   // order statistics 6 and 15 of 20 (the textbook pair)
        assertEquals(15.0, median.high());
        assertTrue(s.meanInterval().low() < 10.5 && s.meanInterval().high() > 10.5);
    }

    @Test
    void oneSampleHasNoSpreadAndNoMeanInterval() {
        Summary s = Summary.of(List.of(7.0));
        assertEquals(0.0, s.cv());
        assertNull(s.meanInterval());
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
    }

    @Test
    void samplesRefuseWhatIsNotAFiniteNumber() {
        assertThrows(IllegalArgumentException.class, () -> new Samples(Metric.CAPACITY, List.of(1.0, Double.NaN)));
    }

    @Test
    void theSixMetricsAreKnownWithTheirDirection() {
        assertEquals(6, Metric.KNOWN.size());
        assertEquals(Direction.HIGHER_IS_BETTER, Metric.known("throughput-per-core").orElseThrow().direction());
        assertEquals(Direction.LOWER_IS_BETTER, Metric.known("peak-rss-bytes").orElseThrow().direction());
        assertTrue(Metric.known("latency-p99").isEmpty());
        assertTrue(Direction.LOWER_IS_BETTER.worsening(100, 110) > 0);
        assertTrue(Direction.HIGHER_IS_BETTER.worsening(100, 110) < 0);
    }
}
