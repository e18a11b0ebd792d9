package io.flinkcertify.harness.fault.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.FutureTask;

/**
 * The proxy's single selector thread: accepts, moves bytes for every connection, fires delayed writes and applies
 * toxic changes. Everything mutable lives here and is touched only by this thread; other threads hand in work as
 * tasks, which is what makes toxic changes atomic with respect to the byte stream.
 */
final class ProxyLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(ProxyLoop.class.getName());
    private static final int BACKLOG = 128;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Selector selector;
    private final InetSocketAddress upstream;
    private final Random random;
    private final StatsRecorder stats;
    private final ActiveToxics toxics = new ActiveToxics();
    private final WriteTimers timers = new WriteTimers();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final ConcurrentLinkedQueue<FutureTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private InetSocketAddress listenAddress;
    private ServerSocketChannel listener;
    private volatile boolean stopping;
    private volatile boolean stopped;

    ProxyLoop(InetSocketAddress listenAddress, InetSocketAddress upstream, long seed, StatsRecorder stats) throws IOException {
        this.upstream = upstream;
        this.random = new Random(seed);
        this.stats = stats;
        this.selector = Selector.open();
        this.listenAddress = listenAddress;
        try {
            openListener();
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        // From now on the real port is fixed, so an outage's rebind reuses it even if the caller asked for port 0.
        this.listenAddress = (InetSocketAddress) listener.getLocalAddress();
    }

    InetSocketAddress listenAddress() {
        return listenAddress;
    }

    InetSocketAddress upstream() {
        return upstream;
    }

    // ---- used by connections and pipes (selector thread) ----

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    Random random() {
        return random;
    }

    FlowEffect effect(Direction flow) {
        return toxics.effect(flow);
    }

    FlowCounters counters(Direction flow) {
        return stats.flow(flow);
    }

    WriteTimers timers() {
        return timers;
    }

    void forget(Connection connection) {
        connections.remove(connection);
        stats.open(connections.size());
    }

    // ---- any thread ----

    List<Toxic> activeToxics() {
        return toxics.published();
    }

    /** Queues work for the selector thread; the task is cancelled if the loop is gone or goes away before running it. */
    void submit(FutureTask<?> task) {
        tasks.add(task);
        if (stopped) {
            task.cancel(false);
        } else {
            selector.wakeup();
        }
    }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    // ---- selector thread ----

    @Override
    public void run() {
        try {
            while (!stopping) {
                runTasks();
                long wait = timers.nanosUntilNext(System.nanoTime());
                if (wait == WriteTimers.NONE) {
                    selector.select(this::onReady);
                } else if (wait <= 0) {
                    selector.selectNow(this::onReady);
                } else {
                    // Rounded up: waking early only costs a loop turn, but a chunk is never written before it is due.
                    selector.select(this::onReady, Math.max(1, (wait + 999_999) / 1_000_000));
                }
                timers.fireDue(System.nanoTime(), this::onTimer);
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "fault proxy on " + listenAddress + " stopped unexpectedly", e);
        } finally {
            shutdown();
        }
    }

    long addToxic(Toxic toxic) throws IOException {
        long id = toxics.add(toxic);
        if (toxic instanceof Toxic.Outage) {
            closeListener();
            resetAll();
        } else if (toxic instanceof Toxic.Reset) {
            resetAll();
        }
        toxicsChanged();
        return id;
    }

    void removeToxic(long id) throws IOException {
        if (toxics.remove(id) != null) {
            toxicsChanged();
        }
    }

    void clearToxics() throws IOException {
        toxics.clear();
        toxicsChanged();
    }

    private void toxicsChanged() throws IOException {
        for (Connection c : new ArrayList<>(connections)) {
            try {
                c.toxicsChanged();
            } catch (IOException e) {
                c.abort();
            }
        }
        try {
            if (listener == null && !toxics.has(Toxic.Outage.class)) {
                openListener(); // on failure the next toxic change tries again
            }
        } finally {
            // Closed channels only release their sockets (send the RST, free the port) once the selector drops
            // their keys; doing it here means that when add/remove returns, the change is already on the wire.
            selector.selectNow(this::onReady);
        }
    }

    private void runTasks() {
        FutureTask<?> task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void onReady(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof Connection c) {
            try {
                c.onReady(key);
            } catch (IOException | RuntimeException e) {
                c.abort(); // a reset or failed peer: pass the failure on rather than pretend an orderly end
            }
        } else if (key.isValid() && key.isAcceptable()) {
            accept();
        }
    }

    private void onTimer(Pipe pipe) {
        Connection owner = pipe.connection();
        try {
            owner.onTimer(pipe);
        } catch (IOException | RuntimeException e) {
            owner.abort();
        }
    }

    private void accept() {
        while (listener != null) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                // Typically out of file descriptors: leave the rest in the backlog and try on the next readiness.
                LOG.log(System.Logger.Level.WARNING, "fault proxy on " + listenAddress + " cannot accept: " + e);
                return;
            }
            if (client == null) {
                return;
            }
            stats.accepted();
            if (toxics.has(Toxic.Reset.class)) {
                stats.reset(); // counted before the RST leaves, so whoever sees the reset also sees the count
                Connection.resetQuietly(client);
                continue;
            }
            try {
                connections.add(Connection.open(this, client, selector));
                stats.open(connections.size());
            } catch (IOException | RuntimeException e) {
                stats.upstreamFailure();
                Connection.resetQuietly(client); // the closest a proxy can get to the refusal the client would have seen
            }
        }
    }

    /** An upstream connect that failed asynchronously is counted like one that failed at once. */
    void upstreamFailed(Connection connection) {
        stats.upstreamFailure();
        connection.abort();
    }

    private void resetAll() {
        for (Connection c : new ArrayList<>(connections)) {
            stats.reset();
            c.abort();
        }
    }

    private void openListener() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            // Lets an outage's rebind succeed while sockets of old accepted connections sit in TIME_WAIT on the port.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(listenAddress, BACKLOG);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + listenAddress + ": " + e.getMessage(), e);
        }
        listener = channel;
        stats.listening(true);
    }

    private void closeListener() throws IOException {
        if (listener != null) {
            ServerSocketChannel channel = listener;
            listener = null;
            stats.listening(false);
            channel.close();
        }
    }

    private void shutdown() {
        stopped = true;
        for (Connection c : new ArrayList<>(connections)) {
            c.close();
        }
        timers.clear();
        try {
            closeListener();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing listener " + listenAddress + ": " + e);
        }
        try {
            // Closing the selector deregisters every key, which is what finally releases the closed sockets.
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FutureTask<?> task;
            while ((task = tasks.poll()) != null) {
                task.cancel(false);
            }
        }
    }
}
