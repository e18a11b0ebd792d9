package io.flinkcertify.harness.fault.proxy;

import java.util.concurrent.atomic.AtomicBoolean;

/** One added toxic. Closing it removes exactly this toxic (not an equal one added separately); idempotent. */
public final class ToxicHandle implements AutoCloseable {

    private final FaultProxy proxy;
    private final long id;
    private final Toxic toxic;
    private final AtomicBoolean removed = new AtomicBoolean();

    ToxicHandle(FaultProxy proxy, long id, Toxic toxic) {
        this.proxy = proxy;
        this.id = id;
        this.toxic = toxic;
    }

    public Toxic toxic() {
        return toxic;
    }

    /** Removes the toxic; throws if removing it fails to restore service (an {@link Toxic.Outage} that cannot rebind). */
    @Override
    public void close() {
        if (removed.compareAndSet(false, true)) {
            proxy.remove(id);
        }
    }

    @Override
    public String toString() {
        return toxic + "#" + id;
    }
}
