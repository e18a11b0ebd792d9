package io.flinkcertify.harness.fault.proxy;

import java.util.List;
import java.util.Random;

/**
 * What the active data toxics do to one flow, folded together once per toxic change so the per-chunk path does
 * not walk the toxic list.
 *
 * @param latencies      all latency toxics covering the flow; their delays add up
 * @param bytesPerSecond the tightest bandwidth limit, or {@link Long#MAX_VALUE} for none
 */
record FlowEffect(boolean blackhole, List<Toxic.Latency> latencies, long bytesPerSecond) {

    static final FlowEffect NONE = new FlowEffect(false, List.of(), Long.MAX_VALUE);

    /** Slices of 50 ms worth of bytes keep a limited flow smooth instead of bursting one read buffer at a time. */
    private static final int SLICES_PER_SECOND = 20;

    FlowEffect {
        latencies = List.copyOf(latencies);
    }

    static FlowEffect of(List<Toxic> toxics, Direction flow) {
        boolean blackhole = false;
        long rate = Long.MAX_VALUE;
        List<Toxic.Latency> latencies = new java.util.ArrayList<>();
        for (Toxic toxic : toxics) {
            if (toxic instanceof Toxic.Blackhole b && b.direction().covers(flow)) {
                blackhole = true;
            } else if (toxic instanceof Toxic.Latency l && l.direction().covers(flow)) {
                latencies.add(l);
            } else if (toxic instanceof Toxic.Bandwidth bw && bw.direction().covers(flow)) {
                rate = Math.min(rate, bw.bytesPerSecond());
            }
        }
        return new FlowEffect(blackhole, latencies, rate);
    }

    boolean limited() {
        return bytesPerSecond != Long.MAX_VALUE;
    }

    int sliceBytes() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerSecond / SLICES_PER_SECOND));
    }

    long nanosFor(int bytes) {
        return bytes * 1_000_000_000L / bytesPerSecond;
    }

    /** Draws from the proxy's seeded random only when there is jitter, so adding jitter-free toxics keeps replays aligned. */
    long drawDelayNanos(Random random) {
        long total = 0;
        for (Toxic.Latency l : latencies) {
            long jitter = l.jitter().toNanos();
            long offset = jitter == 0 ? 0 : Math.round((random.nextDouble() * 2 - 1) * jitter);
            total += l.mean().toNanos() + offset;
        }
        return total;
    }
}
