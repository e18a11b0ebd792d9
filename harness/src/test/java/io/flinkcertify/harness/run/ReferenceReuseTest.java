package io.flinkcertify.harness.run;

import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which earlier runs of a job may stand as its fault-free reference instead of a fresh deployment. */
class ReferenceReuseTest {

    private static final long NOW = System.currentTimeMillis();

    private static RunRecord run(String restoredFrom, long deployedAt, RunEvent... more) {
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunEvent.Deployed(deployedAt, "job", restoredFrom, 1, 1, 1L, "poll", 1, true, null, null, Map.of()));
        events.addAll(List.of(more));
        return new RunRecord("j", "standalone", 1, events, Path.of("."));
    }

    private static final RunEvent FINISHED = new RunEvent.Stopped(NOW, "FINISHED");
    private static final RunEvent OUTPUT = new RunEvent.OutputCommitted(NOW, "output", List.of("part-0"));

    @Test
    void onlyAPlainFaultFreeRunOfThisCertificationToTheEndIsReused() {
        assertTrue(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW, FINISHED, OUTPUT)));
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW,
                new RunEvent.FaultInjected(NOW, "taskmanager-kill", "taskmanager", "kill", 1, Map.of()), FINISHED, OUTPUT)),
                "faulted");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run("/sp/1", NOW, FINISHED, OUTPUT)), "restored");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW, new RunEvent.SavepointTaken(NOW, "/sp", 1),
                FINISHED, OUTPUT)), "stopped with a savepoint (its output is a part)");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW, new RunEvent.RateOffered(NOW, "--rate", 9),
                FINISHED, OUTPUT)), "another rate");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW, new RunEvent.Stopped(NOW, "CANCELED"), OUTPUT)),
                "cancelled");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, NOW, FINISHED)), "nothing committed");
        assertFalse(MigrationRehearsal.faultFreeToTheEnd(run(null, 1_000L, FINISHED, OUTPUT)),
                "a run of an earlier certification (a rerun's predecessor) is never reused");
    }
}
