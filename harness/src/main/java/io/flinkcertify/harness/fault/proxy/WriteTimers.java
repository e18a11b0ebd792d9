package io.flinkcertify.harness.fault.proxy;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * When held-back chunks become due. Lives on the selector thread and only sets the select timeout, so delayed
 * writes need no second thread and no hand-off between threads.
 */
final class WriteTimers {

    static final long NONE = Long.MAX_VALUE;

    private record Entry(long dueNanos, Pipe pipe) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos - b.dueNanos, 0));

    /** A pipe keeps at most one live entry: only an earlier due time than the pending one is queued. */
    void wakeAt(Pipe pipe, long dueNanos) {
        if (pipe.timerDueNanos == NONE || dueNanos - pipe.timerDueNanos < 0) {
            pipe.timerDueNanos = dueNanos;
            queue.add(new Entry(dueNanos, pipe));
        }
    }

    /** Nanoseconds until the earliest due time, or {@link #NONE}. */
    long nanosUntilNext(long nowNanos) {
        Entry head = queue.peek();
        return head == null ? NONE : head.dueNanos - nowNanos;
    }

    void fireDue(long nowNanos, Consumer<Pipe> onDue) {
        Entry head;
        while ((head = queue.peek()) != null && head.dueNanos - nowNanos <= 0) {
            queue.poll();
            // Superseded entries (a later due time replaced by an earlier one that already fired) are skipped.
            if (head.pipe.timerDueNanos == head.dueNanos) {
                head.pipe.timerDueNanos = NONE;
                onDue.accept(head.pipe);
            }
        }
    }

    void clear() {
        queue.clear();
    }
}
