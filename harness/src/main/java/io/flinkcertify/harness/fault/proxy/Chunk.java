package io.flinkcertify.harness.fault.proxy;

import java.nio.ByteBuffer;

/**
 * Bytes read from one side waiting to be written to the other, or the end-of-stream marker that becomes a
 * half-close. Keeps its read time so the delay the proxy really added can be measured at the write.
 */
final class Chunk {

    final ByteBuffer data;
    final long readAtNanos;
    final long releaseAtNanos;
    boolean started;

    private Chunk(ByteBuffer data, long readAtNanos, long releaseAtNanos) {
        this.data = data;
        this.readAtNanos = readAtNanos;
        this.releaseAtNanos = releaseAtNanos;
    }

    static Chunk data(ByteBuffer data, long readAtNanos, long releaseAtNanos) {
        return new Chunk(data, readAtNanos, releaseAtNanos);
    }

    static Chunk endOfStream(long readAtNanos, long releaseAtNanos) {
        return new Chunk(null, readAtNanos, releaseAtNanos);
    }

    boolean isEndOfStream() {
        return data == null;
    }
}
