package io.flinkcertify.reports;

import io.flinkcertify.reports.input.RunFiles;
import io.flinkcertify.reports.input.RunRecordFile;
import io.flinkcertify.reports.timeline.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineTest {

    @Test
    void ratesAreNeverNegativeAndEveryFaultWindowLiesInItsDeployment(@TempDir Path out) {
        SampleRun.copyTo(out);
        boolean anyRate = false;
        for (RunFiles.Record r : RunFiles.read(out).records()) {
            for (RunRecordFile.Run run : r.record().runs()) {
                Timeline t = Timeline.of(r.record().job(), r.record().target(), run);
                for (Timeline.Point p : t.points()) {
                    // counters restart from zero when a task restarts: that must not plot as negative throughput
                    assertTrue(p.recordsPerSecond() >= 0, p.toString());
                    assertTrue(p.second() >= 0 && p.second() <= t.end(), p.toString());
                    anyRate |= p.recordsPerSecond() > 0;
                }
                for (Timeline.FaultWindow f : t.faults()) {
                    assertTrue(0 <= f.from() && f.from() <= f.to() && f.to() <= t.end(), f.toString());
                    f.recoverySeconds().ifPresent(s -> assertTrue(s > 0 && f.from() + s <= t.end(), f.toString()));
                }
            }
        }
        assertTrue(anyRate, "the fixture's jobs took in records");
    }
}
