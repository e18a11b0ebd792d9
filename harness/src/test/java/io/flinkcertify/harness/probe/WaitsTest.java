package io.flinkcertify.harness.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitsTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    @Test
    void returnsTheValueOnceDone() {
        AtomicInteger polls = new AtomicInteger();

        int value = Waits.until("the counter to reach 3", Duration.ofSeconds(10), polls::incrementAndGet, v -> v >= 3);

        assertEquals(3, value);
        assertEquals(3, polls.get());
    }

    @Test
    void returnsImmediatelyWhenAlreadyDone() {
        assertEquals("RUNNING", Waits.until("job RUNNING", SHORT, () -> "RUNNING", "RUNNING"::equals));
    }

    @Test
    void timeoutNamesWhatWasAwaitedAndTheLastValue() {
        WaitTimeout e = assertThrows(WaitTimeout.class,
                () -> Waits.until("job to be RUNNING", SHORT, () -> "CREATED", "RUNNING"::equals));

        assertTrue(e.getMessage().contains("for job to be RUNNING"), e.getMessage());
        assertTrue(e.getMessage().contains("last seen: CREATED"), e.getMessage());
        assertTrue(e.getMessage().startsWith("waited 1 s"), e.getMessage());
    }

    @Test
    void timeoutAfterFailingProbesReportsTheLastError() {
        WaitTimeout e = assertThrows(WaitTimeout.class, () -> Waits.<String>until("REST to answer", SHORT,
                () -> { throw new IllegalStateException("connection refused"); }, v -> true));

        assertTrue(e.getMessage().contains("for REST to answer"), e.getMessage());
        assertTrue(e.getMessage().contains("last probe failed: connection refused"), e.getMessage());
    }

    @Test
    void hopelessEndsTheWaitWithItsReason() {
        AtomicInteger polls = new AtomicInteger();

        WaitTimeout e = assertThrows(WaitTimeout.class, () -> Waits.until("job to be RUNNING", Duration.ofSeconds(60),
                () -> polls.incrementAndGet() < 2 ? "CREATED" : "FAILED",
                "RUNNING"::equals,
                v -> v.equals("FAILED") ? Optional.of("the job FAILED") : Optional.empty()));

        assertEquals("gave up waiting for job to be RUNNING: the job FAILED", e.getMessage());
        assertEquals(2, polls.get(), "no poll after the hopeless one");
        assertNull(e.getCause());
    }
}
