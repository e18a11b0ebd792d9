package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Spread;
import io.flinkcertify.harness.evidence.Throughput;
import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.record.RunEvent.CheckpointsSampled;
import io.flinkcertify.harness.record.RunEvent.LoadSampled;
import io.flinkcertify.harness.record.RunEvent.UsageSampled;
import io.flinkcertify.harness.record.RunRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput and efficiency over the record's measurement window: records/s from the growth of the source vertex's
 * records-out counter between the window's polls, cores from the usage samples (summed over the cluster's instances
 * per sample), records/s per core as the ratio of the medians. The counter, not Flink's numRecordsOutPerSecond: that
 * meter averages over the last 60 s, so a few seconds after a start or a restart it still reports a fraction of the
 * rate (measured: 52, 119, 186 records/s climbing towards the job's 400). It fails when the window holds too few
 * intervals to say anything, or when no record flowed at all.
 */
public final class ThroughputOracle implements Oracle {

    /** The phase of the run record the measurement window is recorded under. */
    public static final String PHASE = "throughput";
    /** Fewer load samples than this are not a measurement of a sustained rate. */
    static final int MIN_SAMPLES = 3;

    private final String phase;

    /** Judges the performance trial's window (phase {@value #PHASE}). */
    public ThroughputOracle() {
        this(PHASE);
    }

    /** Judges the window recorded under {@code phase} (a capacity trial's, for one). */
    public ThroughputOracle(String phase) {
        this.phase = phase;
    }

    /** Records the job's first vertex (its source) has written so far. */
    private static long sourceOut(RunEvent.Polled poll) {
        return poll.snapshot().vertices().isEmpty() ? 0 : poll.snapshot().vertices().get(0).recordsOut();
    }

    @Override
    public Judgement judge(RunRecord record) {
        List<LoadSampled> load = record.all(LoadSampled.class).filter(s -> s.phase().equals(phase)).toList();
        List<UsageSampled> usage = record.all(UsageSampled.class).filter(s -> s.phase().equals(phase)).toList();
        List<RunEvent.Polled> polls = record.polls(phase);
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < polls.size(); i++) {
            long dt = polls.get(i).at() - polls.get(i - 1).at();
            long dr = sourceOut(polls.get(i)) - sourceOut(polls.get(i - 1));
            if (dt > 0 && dr >= 0) { // a counter that went back belongs to a restarted task: no interval
                rates.add(dr * 1000.0 / dt);
            }
        }
        if (rates.size() < MIN_SAMPLES) {
            return Judgement.fail("only " + rates.size() + " interval(s) of the source's record count in the window; at least "
                    + MIN_SAMPLES + " are needed for a sustained rate");
        }
        Spread rate = Spread.of(rates);
        List<Double> cores = new ArrayList<>();
        List<Double> beside = new ArrayList<>();
        Map<String, Long> peaks = new TreeMap<>();
        UsageSampled previous = null;
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
                besideJob(previous, u, sum).ifPresent(beside::add);
            }
            previous = u;
        }
        Spread coresUsed = cores.isEmpty() ? null : Spread.of(cores);
        Double perCore = coresUsed == null || coresUsed.median() <= 0 ? null : rate.median() / coresUsed.median();
        long windowSeconds = (polls.get(polls.size() - 1).at() - polls.get(0).at()) / 1000;
        Throughput.Checkpoints checkpoints = record.all(CheckpointsSampled.class).reduce((a, b) -> b)
                .map(c -> new Throughput.Checkpoints(c.completed(), c.failed(), c.endToEndP50Ms(), c.endToEndP99Ms(),
                        c.checkpointedSizeP50Bytes(), c.stateSizeP50Bytes(), c.alignmentBufferedP50Bytes()))
                .orElse(null);
        Throughput evidence = new Throughput(windowSeconds, rate, coresUsed, perCore, peaks,
                peaks.values().stream().mapToLong(Long::longValue).sum(),
                usage.isEmpty() ? null : usage.stream().mapToLong(UsageSampled::stackRssBytes).max().getAsLong(),
                beside.isEmpty() ? null : Spread.of(beside),
                load.stream().mapToDouble(LoadSampled::maxBackPressureRatio).max().orElse(0),
                load.stream().mapToDouble(LoadSampled::maxBusyRatio).max().orElse(0), checkpoints);
        if (rate.max() <= 0) {
            return Judgement.fail("no record left the sources in " + windowSeconds + " s", evidence);
        }
        return Judgement.pass(evidence);
    }

    /**
     * The stack's cores over the interval since the previous sample, less the job's over the same interval: what the
     * harness and the emulated platform took beside the job. Empty without both stack samples.
     */
    private static java.util.Optional<Double> besideJob(UsageSampled previous, UsageSampled u, double jobCores) {
        if (previous == null || previous.stackCpuSeconds() == null || u.stackCpuSeconds() == null || u.at() <= previous.at()) {
            return java.util.Optional.empty();
        }
        double stackCores = (u.stackCpuSeconds() - previous.stackCpuSeconds()) * 1000.0 / (u.at() - previous.at());
        return java.util.Optional.of(stackCores - jobCores);
    }
}
