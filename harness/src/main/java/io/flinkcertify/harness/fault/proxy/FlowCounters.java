package io.flinkcertify.harness.fault.proxy;

import java.util.concurrent.atomic.AtomicLong;

/** Measurements of one flow direction, written by the selector thread and read by anyone. */
final class FlowCounters {

    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong bytesDropped = new AtomicLong();
    private final DelayHistogram addedDelay = new DelayHistogram();

    void read(int n) {
        bytesRead.addAndGet(n);
    }

    void written(int n) {
        bytesWritten.addAndGet(n);
    }

    void dropped(int n) {
        bytesDropped.addAndGet(n);
    }

    void delayed(long nanos) {
        addedDelay.record(nanos);
    }

    ProxyStats.Flow snapshot() {
        return new ProxyStats.Flow(bytesRead.get(), bytesWritten.get(), bytesDropped.get(), addedDelay.summary());
    }

    void reset() {
        bytesRead.set(0);
        bytesWritten.set(0);
        bytesDropped.set(0);
        addedDelay.reset();
    }
}
