package io.flinkcertify.harness.metric;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * This run's metric samples against a baseline directory: compares each with its history first, then (when
 * asked) appends them, so a run is never compared with itself.
 */
public final class Regression {

    /** @param recorded the baseline files this run appended to (empty unless recording) */
    public record Outcome(List<Change> changes, List<Path> recorded) {}

    private final BaselineStore store;
    private final ChangeDetector detector;

    public Regression(BaselineStore store, ChangeDetector detector) {
        this.store = store;
        this.detector = detector;
    }

    public Outcome compareAndRecord(List<MetricSamples> samples, boolean record, String runId, Instant time) {
        List<Change> changes = new ArrayList<>();
        for (MetricSamples s : samples) {
            changes.add(detector.detect(s, store.history(s.key())));
        }
        List<Path> recorded = new ArrayList<>();
        if (record) {
            samples.forEach(s -> recorded.add(store.append(s, runId, time)));
        }
        return new Outcome(List.copyOf(changes), List.copyOf(recorded));
    }
}
