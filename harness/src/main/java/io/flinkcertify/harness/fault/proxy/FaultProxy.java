package io.flinkcertify.harness.fault.proxy;

import io.flinkcertify.harness.lifecycle.Teardown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy the harness puts on a client path (ZooKeeper, the Kubernetes API server) to inject network faults
 * where the kernel offers no netem and no Toxiproxy can run. Clients are pointed at {@link #address()}; every
 * connection is forwarded to the upstream while the active {@link Toxic}s disturb it.
 *
 * <p>The proxy measures what it actually did ({@link #stats()}): fault tools are known to apply several times the
 * configured delay, so evidence must come from measurement, not from configuration.
 *
 * <p>One selector thread serves all connections and also fires delayed writes; toxic changes run on that thread
 * too and are on the wire when {@link #add} or {@link ToxicHandle#close()} return. A proxy registers itself with
 * {@link Teardown#global()} so a failed run never leaves its port or thread behind.
 */
public final class FaultProxy implements AutoCloseable {

    private static final long CONTROL_TIMEOUT_SECONDS = 10;

    private final ProxyLoop loop;
    private final Thread thread;
    private final StatsRecorder stats;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Teardown.Registration registration;

    private FaultProxy(ProxyLoop loop, StatsRecorder stats) {
        this.loop = loop;
        this.stats = stats;
        this.thread = new Thread(loop, threadName(loop.listenAddress().getPort()));
        this.thread.setDaemon(true); // never the reason a harness JVM cannot exit; teardown closes it properly
        this.thread.start();
        this.registration = Teardown.global().register("fault proxy " + address() + " -> " + upstream(), this::shutdown);
    }

    /** A proxy on a free loopback port forwarding to a loopback upstream; {@code seed} makes jitter replayable. */
    public static FaultProxy start(InetSocketAddress upstream, long seed) {
        return start(upstream, 0, seed);
    }

    /** As {@link #start(InetSocketAddress, long)} on a given port (0 for a free one). */
    public static FaultProxy start(InetSocketAddress upstream, int listenPort, long seed) {
        return start(UpstreamPolicy.loopbackOnly(), upstream, listenPort, seed);
    }

    /**
     * The factory hook for upstreams other than loopback: only policies of the sealed {@link UpstreamPolicy}
     * hierarchy exist, so widening what the proxy may reach is a reviewed change there, not a caller's choice.
     */
    public static FaultProxy start(UpstreamPolicy policy, InetSocketAddress upstream, int listenPort, long seed) {
        Objects.requireNonNull(policy, "policy");
        policy.check(upstream);
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port out of range: " + listenPort);
        }
        StatsRecorder stats = new StatsRecorder();
        try {
            ProxyLoop loop = new ProxyLoop(new InetSocketAddress(loopback(), listenPort), upstream, seed, stats);
            return new FaultProxy(loop, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fault proxy to " + upstream, e);
        }
    }

    /** Name of the selector thread of a proxy listening on {@code port}, to prove after close that it is gone. */
    public static String threadName(int port) {
        return "fault-proxy-" + port;
    }

    /** Where clients connect: 127.0.0.1 and the real port, also while an outage has the listener closed. */
    public InetSocketAddress address() {
        return loop.listenAddress();
    }

    public int port() {
        return address().getPort();
    }

    public InetSocketAddress upstream() {
        return loop.upstream();
    }

    /** Activates a toxic now; closing the handle removes it. */
    public ToxicHandle add(Toxic toxic) {
        Objects.requireNonNull(toxic, "toxic");
        long id = control(() -> loop.addToxic(toxic));
        return new ToxicHandle(this, id, toxic);
    }

    /**
     * Removes every toxic. Throws {@link UncheckedIOException} if an outage ended but the port could not be bound
     * again (something else took it); {@link ProxyStats#listening()} then stays false.
     */
    public void clear() {
        control(() -> {
            loop.clearToxics();
            return null;
        });
    }

    /** The toxics in effect, in the order they were added. */
    public List<Toxic> active() {
        return loop.activeToxics();
    }

    public ProxyStats stats() {
        return stats.snapshot();
    }

    /** Starts a new measurement window (e.g. per fault); open connections and the listening state are kept. */
    public void resetStats() {
        stats.clear();
    }

    void remove(long id) {
        if (closed.get()) {
            return; // closing the proxy already removed everything
        }
        try {
            control(() -> {
                loop.removeToxic(id);
                return null;
            });
        } catch (IllegalStateException e) {
            if (!closed.get()) {
                throw e;
            } // the proxy closed concurrently, which removed the toxic too
        }
    }

    /** Closes every connection (FIN) and the listener, and stops the thread. Idempotent. */
    @Override
    public void close() {
        try {
            registration.close(); // calls shutdown() once and leaves the global teardown
        } catch (Exception e) {
            throw new IllegalStateException("closing fault proxy " + address() + ": " + e.getMessage(), e);
        }
    }

    private void shutdown() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        if (Thread.currentThread() != thread) {
            thread.join(TimeUnit.SECONDS.toMillis(CONTROL_TIMEOUT_SECONDS));
            if (thread.isAlive()) {
                throw new IllegalStateException("fault proxy thread " + thread.getName() + " did not stop");
            }
        }
    }

    private <T> T control(Callable<T> action) {
        if (closed.get()) {
            throw new IllegalStateException("fault proxy " + address() + " is closed");
        }
        FutureTask<T> task = new FutureTask<>(action);
        loop.submit(task);
        try {
            return task.get(CONTROL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (CancellationException e) {
            throw new IllegalStateException("fault proxy " + address() + " closed before the change applied", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("fault proxy " + address() + " did not apply the change within "
                    + CONTROL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing fault proxy " + address(), e);
        }
    }

    private static InetAddress loopback() {
        try {
            // Explicitly IPv4: the JDK's loopback may be ::1 with preferIPv6Addresses, and clients dial 127.0.0.1.
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + address() + " -> " + upstream() + ", toxics=" + active() + "]";
    }
}
