package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Spread;
import io.flinkcertify.harness.evidence.Throughput;
import io.flinkcertify.harness.record.RunEvent.CheckpointsSampled;
import io.flinkcertify.harness.record.RunEvent.LoadSampled;
import io.flinkcertify.harness.record.RunEvent.UsageSampled;
import io.flinkcertify.harness.record.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput and efficiency over the record's measurement window: records/s from the load samples, cores from the
 * usage samples (summed over the cluster's instances per sample), records/s per core as the ratio of the medians.
 * It fails when the window holds too few samples to say anything, or when no record flowed at all.
 */
public final class ThroughputOracle implements Oracle {

    /** The phase of the run record the measurement window is recorded under. */
    public static final String PHASE = "throughput";
    /** Fewer load samples than this are not a measurement of a sustained rate. */
    static final int MIN_SAMPLES = 3;

    @Override
    public Judgement judge(RunRecord record) {
        List<LoadSampled> load = record.all(LoadSampled.class).filter(s -> s.phase().equals(PHASE)).toList();
        List<UsageSampled> usage = record.all(UsageSampled.class).filter(s -> s.phase().equals(PHASE)).toList();
        if (load.size() < MIN_SAMPLES) {
            return Judgement.fail("only " + load.size() + " load sample(s) in the window; at least " + MIN_SAMPLES
                    + " are needed for a sustained rate");
        }
        Spread rate = Spread.of(load.stream().map(LoadSampled::sourceRecordsPerSecond).toList());
        List<Double> cores = new ArrayList<>();
        Map<String, Long> peaks = new TreeMap<>();
        for (UsageSampled u : usage) {
            double sum = 0;
            boolean complete = !u.instances().isEmpty();
            for (UsageSampled.InstanceUsage i : u.instances()) {
                peaks.merge(i.role() + " " + i.id(), i.peakRssBytes(), Math::max);
                if (i.coresUsed() == null) {
                    complete = false; // the instance's first sample: no interval yet
                } else {
                    sum += i.coresUsed();
                }
            }
            if (complete) {
                cores.add(sum);
            }
        }
        Spread coresUsed = cores.isEmpty() ? null : Spread.of(cores);
        Double perCore = coresUsed == null || coresUsed.median() <= 0 ? null : rate.median() / coresUsed.median();
        long windowSeconds = (load.get(load.size() - 1).at() - load.get(0).at()) / 1000;
        Throughput.Checkpoints checkpoints = record.all(CheckpointsSampled.class).reduce((a, b) -> b)
                .map(c -> new Throughput.Checkpoints(c.completed(), c.failed(), c.endToEndP50Ms(), c.endToEndP99Ms(),
                        c.checkpointedSizeP50Bytes(), c.stateSizeP50Bytes(), c.alignmentBufferedP50Bytes()))
                .orElse(null);
        Throughput evidence = new Throughput(windowSeconds, rate, coresUsed, perCore, peaks,
                peaks.values().stream().mapToLong(Long::longValue).sum(),
                load.stream().mapToDouble(LoadSampled::maxBackPressureRatio).max().orElse(0),
                load.stream().mapToDouble(LoadSampled::maxBusyRatio).max().orElse(0), checkpoints);
        if (rate.max() <= 0) {
            return Judgement.fail("no record left the sources in " + windowSeconds + " s", evidence);
        }
        return Judgement.pass(evidence);
    }
}
