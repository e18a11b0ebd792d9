package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecorder;
import io.flinkcertify.harness.record.SyntheticRun;
import io.flinkcertify.harness.run.Rejudge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Judgements made while a run happened are reproduced from its record.json alone, and a record that was changed
 * afterwards is caught (the re-judgement can disagree).
 */
class RejudgeRecordTest {

    @TempDir
    Path out;

    /** A run judged as JobRun judges it: each check's oracle over the record so far, then a Judged event. */
    private void recordJudgedRun() throws Exception {
        RunRecorder recorder = RunRecorder.open(out, "keyed-sequence", "k8s-emulated");
        SyntheticRun run = new SyntheticRun().deployed(true, 2L, 4L).running(0, 0).phase("availability")
                .window("availability", 3_000).at(1_000).running(0, 1).at(1_000).running(0, 1).at(1_000).running(0, 2)
                .phase("freeze").injected("freeze", 120_000).at(5_000).reverted("freeze").at(300).running(0, 2)
                .at(2_000).running(0, 3);
        List<RunEvent> events = run.events();
        for (RunEvent e : events) {
            recorder.append(e);
            if (e instanceof RunEvent.Polled p && p.snapshot().checkpoints().completed() == 2 && p.phase().equals("availability")) {
                judge(recorder, "availability", new AvailabilityOracle());
            }
        }
        judge(recorder, "freeze", new RecoveryOracle(Duration.ofSeconds(120)));
        Path committed = Files.createDirectories(out.resolve("work/output/b"));
        Files.writeString(committed.resolve("part-0"), "k0,0,1\nk0,1,2\nk1,0,1\nk1,1,2\n");
        recorder.outputCommitted(out.resolve("work/output"), List.of(committed.resolve("part-0")));
        judge(recorder, "exactly-once", new ExactlyOnceOracle());
        recorder.flush();
    }

    private static void judge(RunRecorder recorder, String check, Oracle oracle) {
        Judgement j = oracle.judge(recorder.snapshot());
        recorder.append(new RunEvent.Judged(j.passed() ? 1 : 2, check, j.passed(), j.reason()));
    }

    @Test
    void reproducesEveryJudgementFromTheRecordAlone() throws Exception {
        recordJudgedRun();
        List<Rejudge.Outcome> outcomes = new Rejudge().rejudge(out);
        assertEquals(List.of("availability", "freeze", "exactly-once"), outcomes.stream().map(Rejudge.Outcome::check).toList());
        assertTrue(outcomes.stream().allMatch(Rejudge.Outcome::agrees), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(Rejudge.Outcome::passedNow), outcomes.toString());
    }

    @Test
    void aRecordChangedAfterTheRunIsCaught() throws Exception {
        recordJudgedRun();
        // someone drops a record from the kept output: exactly-once now finds a gap the run never saw
        Path output = RecordFile.folder(out, "keyed-sequence", "k8s-emulated").resolve("run-1-output/b/part-0");
        Files.writeString(output, "k0,0,1\nk1,0,1\nk1,1,2\n");
        List<Rejudge.Outcome> outcomes = new Rejudge().rejudge(out);
        Rejudge.Outcome exactlyOnce = outcomes.stream().filter(o -> o.check().equals("exactly-once")).findFirst().orElseThrow();
        assertFalse(exactlyOnce.agrees(), exactlyOnce.toString());
        assertFalse(exactlyOnce.passedNow());
    }
}
