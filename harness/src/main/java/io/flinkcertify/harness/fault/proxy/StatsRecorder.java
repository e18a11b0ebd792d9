package io.flinkcertify.harness.fault.proxy;

import java.util.concurrent.atomic.AtomicLong;

/** All of a proxy's counters in one place, so a snapshot and a reset cover the same set. */
final class StatsRecorder {

    private final FlowCounters upstream = new FlowCounters();
    private final FlowCounters downstream = new FlowCounters();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong reset = new AtomicLong();
    private final AtomicLong upstreamFailures = new AtomicLong();
    private volatile int open;
    private volatile boolean listening;

    FlowCounters flow(Direction flow) {
        return switch (flow) {
            case UPSTREAM -> upstream;
            case DOWNSTREAM -> downstream;
            case BOTH -> throw new IllegalArgumentException("counters are kept per flow");
        };
    }

    void accepted() {
        accepted.incrementAndGet();
    }

    void reset() {
        reset.incrementAndGet();
    }

    void upstreamFailure() {
        upstreamFailures.incrementAndGet();
    }

    void open(int connections) {
        open = connections;
    }

    void listening(boolean listening) {
        this.listening = listening;
    }

    ProxyStats snapshot() {
        return new ProxyStats(upstream.snapshot(), downstream.snapshot(), accepted.get(), reset.get(),
                upstreamFailures.get(), open, listening);
    }

    void clear() {
        upstream.reset();
        downstream.reset();
        accepted.set(0);
        reset.set(0);
        upstreamFailures.set(0);
    }
}
