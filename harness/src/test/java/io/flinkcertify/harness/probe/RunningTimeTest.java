package io.flinkcertify.harness.probe;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunningTimeTest {

    private static final long SUBMITTED = 1_796_353_915_283L;
    private static final long OBSERVED = SUBMITTED + 1_850;

    @Test
    void theJobManagersStampBetweenSubmissionAndPollIsTheFigure() {
        // perf7, k8s-emulated trial 1: the last task RUNNING at 1,734 ms, the poll saw it at 1,850 ms
        RunningTime t = RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.of(SUBMITTED + 1_734));

        assertEquals(new RunningTime(1_734, 1_850, RunningTime.JOBMANAGER), t);
    }

    @Test
    void aStampOnTheBracketsEdgesCounts() {
        assertEquals(0, RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.of(SUBMITTED)).ms());
        assertEquals(RunningTime.JOBMANAGER, RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.of(OBSERVED)).stampedBy());
    }

    @Test
    void aStampBeforeTheSubmissionIsAnotherClockAndThePollStands() {
        RunningTime t = RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.of(SUBMITTED - 1));

        assertEquals(new RunningTime(1_850, 1_850, RunningTime.POLL), t);
    }

    @Test
    void aStampAfterThePollThatSawAllRunningIsAnotherClockAndThePollStands() {
        RunningTime t = RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.of(OBSERVED + 1));

        assertEquals(new RunningTime(1_850, 1_850, RunningTime.POLL), t);
    }

    @Test
    void withoutAStampThePollStands() {
        assertEquals(new RunningTime(1_850, 1_850, RunningTime.POLL), RunningTime.of(SUBMITTED, OBSERVED, OptionalLong.empty()));
    }
}
