package io.flinkcertify.harness.probe;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every wait in the harness: explicit timeout, polling through Awaitility, and a failure message that says what
 * was awaited, for how long, and the last value (or error) the probe saw. A {@code hopeless} check ends the wait
 * early when the awaited state can no longer come (the job FAILED, the process died).
 */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(250);

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return until(what, timeout, probe, done, v -> Optional.empty());
    }

    /**
     * @param hopeless returns a reason when waiting longer is pointless
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done,
                              Function<T, Optional<String>> hopeless) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<Throwable> lastError = new AtomicReference<>();
        try {
            return Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .ignoreExceptionsMatching(e -> !(e instanceof Hopeless))
                    .until(() -> {
                        try {
                            T value = probe.get();
                            last.set(value);
                            lastError.set(null);
                            Optional<String> reason = hopeless.apply(value);
                            if (reason.isPresent()) {
                                throw new Hopeless(reason.get());
                            }
                            return value;
                        } catch (Hopeless h) {
                            throw h;
                        } catch (RuntimeException e) {
                            lastError.set(e);
                            throw e;
                        }
                    }, done);
        } catch (ConditionTimeoutException e) {
            String seen = lastError.get() != null ? "last probe failed: " + lastError.get().getMessage()
                    : "last seen: " + last.get();
            throw new WaitTimeout("waited " + timeout.toSeconds() + " s for " + what + "; " + seen, e);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Hopeless h) {
                    throw new WaitTimeout("gave up waiting for " + what + ": " + h.getMessage(), null);
                }
            }
            throw e;
        }
    }

    private static final class Hopeless extends RuntimeException {
        Hopeless(String reason) {
            super(reason, null, false, false);
        }
    }

    private Waits() {}
}
