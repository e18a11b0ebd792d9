package io.flinkcertify.harness.record;

import io.flinkcertify.harness.probe.JobSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds run records by hand, with a clock the test moves: oracles are tested on histories, as Jepsen does. */
public final class SyntheticRun {

    private final List<RunEvent> events = new ArrayList<>();
    private long now = 1_700_000_000_000L;
    private String phase = "deploy";

    public SyntheticRun at(long millisLater) {
        now += millisLater;
        return this;
    }

    public SyntheticRun phase(String name) {
        phase = name;
        return this;
    }

    public long now() {
        return now;
    }

    public SyntheticRun deployed(boolean bounded, Long keys, Long records) {
        return add(new RunEvent.Deployed(now, "job-1", null, 9_000, 4_000, 4_000L, "poll", 2, bounded, keys, records,
                Map.of("instances", List.of("jobmanager jm-1", "taskmanager tm-1"))));
    }

    /** A poll: state, tasks running out of 4, restarts, checkpoints completed and failed. */
    public SyntheticRun poll(String state, int running, long restarts, long completed, long failed) {
        JobSnapshot s = new JobSnapshot("job-1", state, restarts,
                new JobSnapshot.Checkpoints(completed, failed, 0, 0, completed, completed > 0 ? "file:/cp/chk-" + completed : null),
                List.of(new JobSnapshot.Vertex("Source", running == 4 ? "RUNNING" : "INITIALIZING", 2, Math.min(2, running), 0, 0, 100),
                        new JobSnapshot.Vertex("Sink", running == 4 ? "RUNNING" : "INITIALIZING", 2, Math.max(0, running - 2), 0, 100, 100)),
                now);
        return add(new RunEvent.Polled(now, phase, s));
    }

    /** A RUNNING poll whose source has written {@code sourceRecordsOut} records so far. */
    public SyntheticRun flowing(long sourceRecordsOut, long completed) {
        JobSnapshot s = new JobSnapshot("job-1", "RUNNING", 0,
                new JobSnapshot.Checkpoints(completed, 0, 0, 0, completed, completed > 0 ? "file:/cp/chk-" + completed : null),
                List.of(new JobSnapshot.Vertex("Source", "RUNNING", 2, 2, 0, 0, sourceRecordsOut),
                        new JobSnapshot.Vertex("Sink", "RUNNING", 2, 2, 0, sourceRecordsOut, sourceRecordsOut)),
                now);
        return add(new RunEvent.Polled(now, phase, s));
    }

    public SyntheticRun running(long restarts, long completed) {
        return poll("RUNNING", 4, restarts, completed, 0);
    }

    public SyntheticRun window(String name, long durationMs) {
        return add(new RunEvent.WindowOpened(now, name, durationMs));
    }

    public SyntheticRun injected(String kind, long graceMs) {
        return add(new RunEvent.FaultInjected(now, kind, "taskmanager", kind + " of taskmanager#0 at +0.0 s", graceMs,
                Map.of("victim", "tm-1", "pid", 4242)));
    }

    public SyntheticRun reverted(String kind) {
        return add(new RunEvent.FaultReverted(now, kind));
    }

    public SyntheticRun output(String directory, List<String> files) {
        return add(new RunEvent.OutputCommitted(now, directory, files));
    }

    public SyntheticRun add(RunEvent event) {
        events.add(event);
        return this;
    }

    public List<RunEvent> events() {
        return List.copyOf(events);
    }

    public RunRecord record(Path home) {
        return new RunRecord("keyed-sequence", "standalone", 1, events, home);
    }

    public RunRecord record() {
        return record(Path.of("."));
    }
}
