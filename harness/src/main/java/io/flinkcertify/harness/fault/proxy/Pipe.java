package io.flinkcertify.harness.fault.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One direction of one proxied connection: reads from its source, applies the flow's toxics, holds chunks until
 * due and writes them to its sink in order, then forwards the end of stream as a half-close. Selector thread only.
 */
final class Pipe {

    /**
     * Stop reading once this much is held back, so a slow or delayed sink pushes back on the sender through TCP
     * instead of growing the proxy's heap without bound.
     */
    static final int HIGH_WATER_BYTES = 1 << 20;
    /** Tiny writes under a long latency would otherwise cost an object each for a whole megabyte. */
    static final int HIGH_WATER_CHUNKS = 4096;

    private final Direction flow;
    private final SocketChannel source;
    private final SocketChannel sink;
    private final Connection connection;
    private final ProxyLoop loop;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sourceEnded;
    private boolean endQueued;
    private boolean sinkShut;
    private boolean sinkBlocked;
    /** When the bandwidth limit allows the next slice; earlier slices of this pipe reserved the time before. */
    private long bandwidthFreeAtNanos;
    private boolean bandwidthUsed;
    /** Owned by {@link WriteTimers}. */
    long timerDueNanos = WriteTimers.NONE;

    Pipe(Direction flow, SocketChannel source, SocketChannel sink, Connection connection, ProxyLoop loop) {
        this.flow = flow;
        this.source = source;
        this.sink = sink;
        this.connection = connection;
        this.loop = loop;
    }

    Connection connection() {
        return connection;
    }

    boolean wantsRead() {
        FlowEffect effect = loop.effect(flow);
        return !sourceEnded && (effect.blackhole()
                || (queuedBytes < holdBackLimit(effect) && queue.size() < HIGH_WATER_CHUNKS));
    }

    /*
     * A rate-limited flow holds back at most one second's worth: a real slow link does not buffer a megabyte, and
     * the sender should feel the limit as TCP backpressure, as it would on such a link.
     */
    private static int holdBackLimit(FlowEffect effect) {
        return effect.limited() ? (int) Math.min(HIGH_WATER_BYTES, effect.bytesPerSecond()) : HIGH_WATER_BYTES;
    }

    boolean wantsWrite() {
        return sinkBlocked;
    }

    /** Both the stream's data and its end have been delivered. */
    boolean finished() {
        return sinkShut;
    }

    void onReadable() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        FlowEffect effect = loop.effect(flow);
        if (!effect.blackhole()) {
            buffer.limit((int) Math.max(1, Math.min(buffer.capacity(), holdBackLimit(effect) - queuedBytes)));
        }
        int n = source.read(buffer);
        long now = System.nanoTime();
        if (n < 0) {
            sourceEnded = true;
            forwardEndIfAllowed(now);
            return;
        }
        if (n == 0) {
            return;
        }
        FlowCounters counters = loop.counters(flow);
        counters.read(n);
        if (effect.blackhole()) {
            counters.dropped(n);
            return;
        }
        buffer.flip();
        long release = now + effect.drawDelayNanos(loop.random());
        if (!effect.limited()) {
            enqueue(Chunk.data(copy(buffer, n), now, release));
        } else {
            int slice = effect.sliceBytes();
            while (buffer.hasRemaining()) {
                int len = Math.min(slice, buffer.remaining());
                long start = bandwidthUsed && bandwidthFreeAtNanos - release > 0 ? bandwidthFreeAtNanos : release;
                bandwidthFreeAtNanos = start + effect.nanosFor(len);
                bandwidthUsed = true;
                enqueue(Chunk.data(copy(buffer, len), now, start));
            }
        }
        flush();
    }

    /** Called when the toxics change: a blackhole's removal releases an end of stream it swallowed. */
    void toxicsChanged() throws IOException {
        forwardEndIfAllowed(System.nanoTime());
    }

    /** Writes every due chunk the sink accepts, in order; a chunk not yet due holds back all behind it. */
    void flush() throws IOException {
        sinkBlocked = false;
        while (!queue.isEmpty()) {
            Chunk head = queue.peek();
            long now = System.nanoTime();
            if (head.releaseAtNanos - now > 0) {
                loop.timers().wakeAt(this, head.releaseAtNanos);
                break;
            }
            if (head.isEndOfStream()) {
                queue.poll();
                sink.shutdownOutput();
                sinkShut = true;
                break;
            }
            if (!head.started) {
                head.started = true;
                loop.counters(flow).delayed(now - head.readAtNanos);
            }
            int written = sink.write(head.data);
            queuedBytes -= written;
            loop.counters(flow).written(written);
            if (head.data.hasRemaining()) {
                sinkBlocked = true;
                break;
            }
            queue.poll();
        }
        connection.updateInterest();
    }

    /*
     * A blackholed flow swallows the end of stream too: a peer behind a partition does not learn that the other
     * side went away. It is delivered once the blackhole is removed.
     */
    private void forwardEndIfAllowed(long now) throws IOException {
        if (!sourceEnded || endQueued || loop.effect(flow).blackhole()) {
            connection.updateInterest();
            return;
        }
        endQueued = true;
        queue.add(Chunk.endOfStream(now, now + loop.effect(flow).drawDelayNanos(loop.random())));
        flush();
    }

    private void enqueue(Chunk chunk) {
        queue.add(chunk);
        queuedBytes += chunk.data.remaining();
    }

    private static ByteBuffer copy(ByteBuffer from, int length) {
        ByteBuffer copy = ByteBuffer.allocate(length);
        int limit = from.limit();
        from.limit(from.position() + length);
        copy.put(from);
        from.limit(limit);
        return copy.flip();
    }
}
