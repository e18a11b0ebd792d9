package io.flinkcertify.harness.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test process that burns a known amount of CPU: {@code units} fixed CPU-bound loops split over
 * {@code threads} threads, each timed by its own thread CPU clock, then prints {@code DONE <nanos burned>} and waits for stdin to close (so it is still alive,
 * with all its CPU on the books, when the probe samples it).
 */
public final class CpuBurner {

    static final long ITERATIONS_PER_UNIT = 2_000_000;

    /** One unit of work; the result is returned so the JIT cannot drop the loop. */
    static long unit(long seed) {
        long x = seed | 1;
        for (long i = 0; i < ITERATIONS_PER_UNIT; i++) {
            // xorshift: no allocation, no memory traffic, a fixed cost per iteration
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        int units = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<Thread> workers = new ArrayList<>();
        long[] sink = new long[threads];
        long[] burned = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            int share = units / threads + (t < units % threads ? 1 : 0);
            Thread w = new Thread(() -> {
                // the thread's own CPU clock: the amount this process knows it burned on the work
                java.lang.management.ThreadMXBean clock = java.lang.management.ManagementFactory.getThreadMXBean();
                long start = clock.getCurrentThreadCpuTime();
                for (int u = 0; u < share; u++) {
                    sink[id] += unit(u + id);
                }
                burned[id] = clock.getCurrentThreadCpuTime() - start;
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        long sum = 0;
        for (long s : sink) {
            sum += s;
        }
        long burnedNanos = 0;
        for (long b : burned) {
            burnedNanos += b;
        }
        System.out.println("DONE " + burnedNanos + (sum == 42 ? " !" : ""));
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // wait for the test to close stdin
            }
        } catch (IOException ignored) {
            // stdin gone: exit
        }
    }

    private CpuBurner() {}
}
