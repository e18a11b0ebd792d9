package io.flinkcertify.harness.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacitySearchTest {

    /** The reference workload's rate argument default (KeyedSequenceJob --rate). */
    private static final double REFERENCE_RATE = 1000;

    private final CapacitySearch search = new CapacitySearch(SustainCriteria.DEFAULTS, 10, 1_000_000, 20);

    /** A job whose source keeps up to {@code limit} records/s and is back-pressured beyond it. */
    private static SustainTrial saturatingAt(double limit, List<Double> offered) {
        return rate -> {
            offered.add(rate);
            boolean over = rate > limit;
            return new RateTrial(rate, Math.min(rate, limit), over ? 0.8 : 0.02, 3, 0);
        };
    }

    @ParameterizedTest
    @CsvSource({"5000, 1000", "700, 1000", "1000, 1000", "123456, 1000", "40, 1000", "5000, 20000"})
    void findsTheCapacityWithProofAtItAndAtOneStepAbove(double limit, double start) {
        List<Double> offered = new ArrayList<>();
        Capacity result = search.search(start, saturatingAt(limit, offered));

        Capacity.Found found = assertInstanceOf(Capacity.Found.class, result, () -> "limit " + limit + ": " + result);
        assertTrue(found.rate() <= limit && limit < found.rate() * CapacitySearch.STEP,
                "capacity " + found.rate() + " within one 1.25x step below the true limit " + limit);
        assertTrue(found.sustainedAt().sustained());
        assertEquals(found.rate(), found.sustainedAt().trial().offeredRate(), 1e-9);
        assertFalse(found.failedAbove().sustained());
        assertEquals(CapacitySearch.whole(found.rate() * 1.25), found.failedAbove().trial().offeredRate(), 1,
                "the failed step is 1.25x the capacity, up to rounding to whole records/s");
        assertTrue(found.failedAbove().reason().contains("offered rate"), found.failedAbove().reason());
        assertEquals(offered.size(), found.trials().size(), "every trial run is evidence");
        assertTrue(offered.size() <= 12, "a bounded number of trials: " + offered);
    }

    @Test
    void backPressureAloneFailsATrialEvenWhenTheRateIsKept() {
        // the source keeps every rate (it buffers), but above 3000 the job downstream is back-pressured
        SustainTrial trial = rate -> new RateTrial(rate, rate, rate > 3000 ? 0.5 : 0.0, 3, 0);
        Capacity.Found found = assertInstanceOf(Capacity.Found.class, search.search(REFERENCE_RATE, trial));
        assertTrue(found.rate() <= 3000 && 3000 < found.rate() * 1.25);
        assertTrue(found.failedAbove().reason().startsWith("back-pressured 50 %"), found.failedAbove().reason());
    }

    @Test
    void checkpointsThatStopCompletingFailATrial() {
        SustainTrial trial = rate -> new RateTrial(rate, rate, 0.0, rate > 8000 ? 0 : 2, rate > 8000 ? 4 : 0);
        Capacity.Found found = assertInstanceOf(Capacity.Found.class, search.search(REFERENCE_RATE, trial));
        assertTrue(found.rate() <= 8000 && 8000 < found.rate() * 1.25);
        assertTrue(found.failedAbove().reason().contains("0 checkpoint(s) completed"), found.failedAbove().reason());
    }

    @Test
    void aNoisyStepAboveAFailureIsRetriedSoTheReportedStepReallyFailed() {
        List<Double> offered = new ArrayList<>();
        SustainTrial base = saturatingAt(5000, offered);
        // one unlucky trial: 1000 x 2 x 2 = 4000 fails although the job would sustain it
        SustainTrial noisy = rate -> Math.abs(rate - 4000) < 1e-6 ? new RateTrial(rate, rate * 0.5, 0, 3, 0) : base.run(rate);
        Capacity.Found found = assertInstanceOf(Capacity.Found.class, search.search(REFERENCE_RATE, noisy));
        assertFalse(found.failedAbove().sustained());
        assertEquals(CapacitySearch.whole(found.rate() * 1.25), found.failedAbove().trial().offeredRate(), 1,
                "the failed step is 1.25x the capacity, up to rounding to whole records/s");
        assertTrue(found.rate() >= 4000, "climbed past the noisy failure: " + found.rate());
    }

    @ParameterizedTest
    @CsvSource({"5000", "37", "123456", "999"})
    void fromTheCeilingTheSearchNeedsFewTrialsAndStillProvesItsAnswer(double limit) {
        List<Double> offered = new ArrayList<>();
        Capacity.Found found = assertInstanceOf(Capacity.Found.class,
                search.searchBelowCeiling(saturatingAt(limit, offered)));
        assertEquals(1_000_000, offered.get(0), "the first trial offers the maximum: the job's ceiling");
        assertTrue(found.rate() <= limit && limit < found.failedAbove().trial().offeredRate(),
                "capacity " + found.rate() + " kept, " + found.failedAbove().trial().offeredRate() + " not, true limit " + limit);
        assertEquals(CapacitySearch.whole(found.rate() * 1.25), found.failedAbove().trial().offeredRate(), 1,
                "the failed step is 1.25x the capacity, up to rounding to whole records/s");
        assertTrue(offered.size() <= 4, "ceiling, one step under it, the failed step above: " + offered);
        assertEquals(offered.size(), found.trials().size());
    }

    @Test
    void aStepReachedGoingDownIsProvedByTheFailureAboveItWithoutAskingForOneRecordMore() {
        // as measured on yarn-mini: the ceiling trial read 60,367 records/s, 0.85x of it (51,312) was not kept, and
        // 51,312 / 1.25 = 41,049.6 -> 41,050 was; its 1.25x step rounds to 51,313
        List<Double> offered = new ArrayList<>();
        SustainTrial job = rate -> {
            offered.add(rate);
            double achieved = rate >= 1_000_000 ? 60_367 : Math.min(rate, 45_000);
            return new RateTrial(rate, achieved, 0.0, 3, 0);
        };
        Capacity.Found found = assertInstanceOf(Capacity.Found.class, search.searchBelowCeiling(job));
        assertEquals(List.of(1_000_000.0, 51_312.0, 41_050.0), offered, "no fourth trial at 51,313");
        assertEquals(41_050, found.rate(), 1e-9);
        assertEquals(51_312, found.failedAbove().trial().offeredRate(), 1e-9);
        assertTrue(CapacitySearch.isStepAbove(51_312, 41_050) && !CapacitySearch.isStepAbove(51_315, 41_050)
                && !CapacitySearch.isStepAbove(51_000, 41_050));
    }

    @Test
    void aCeilingThatIsKeptIsTheMaximumNotAFoundCapacity() {
        assertInstanceOf(Capacity.SustainedAtMaximum.class, search.searchBelowCeiling(saturatingAt(5e6, new ArrayList<>())));
    }

    @Test
    void boundsAreReportedAsSuch() {
        assertInstanceOf(Capacity.NotSustainedAtMinimum.class, search.search(REFERENCE_RATE, saturatingAt(5, new ArrayList<>())));
        assertInstanceOf(Capacity.SustainedAtMaximum.class, search.search(REFERENCE_RATE, saturatingAt(5e6, new ArrayList<>())));
    }

    @Test
    void aSpentBudgetIsInconclusiveNotAGuess() {
        CapacitySearch tight = new CapacitySearch(SustainCriteria.DEFAULTS, 10, 1_000_000, 3);
        Capacity result = tight.search(REFERENCE_RATE, saturatingAt(100_000, new ArrayList<>()));
        assertEquals(3, assertInstanceOf(Capacity.Inconclusive.class, result).trials().size());
    }

    @Test
    void theOutcomeRoundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Capacity result = search.search(REFERENCE_RATE, saturatingAt(2500, new ArrayList<>()));
        String text = json.writeValueAsString(result);
        assertTrue(text.contains("\"outcome\":\"found\""), text);
        assertEquals(result, json.readValue(text, Capacity.class));
    }
}
