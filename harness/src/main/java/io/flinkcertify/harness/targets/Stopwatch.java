package io.flinkcertify.harness.targets;

/** Elapsed time of a start-up step, on the monotonic clock (wall-clock jumps must not show as slow start-ups). */
public final class Stopwatch {

    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Stopwatch start() {
        return new Stopwatch(System.nanoTime());
    }

    public long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Elapsed seconds with one decimal, as progress lines show them: {@code 12.3 s}. */
    public String seconds() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
