package io.flinkcertify.harness.fault.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * A disturbance the {@link FaultProxy} applies while it is active. Toxics are plain values so that a fault's
 * evidence can record exactly what was configured next to what the proxy measured.
 *
 * <p>Data toxics ({@link Latency}, {@link Blackhole}, {@link Bandwidth}) are applied to a chunk when the proxy reads
 * it, so removing one does not speed up bytes already held back; {@link Reset} and {@link Outage} act on existing
 * connections the moment they are added.
 */
public sealed interface Toxic permits Toxic.Latency, Toxic.Blackhole, Toxic.Reset, Toxic.Bandwidth, Toxic.Outage {

    /**
     * Every chunk is held for {@code mean} plus a uniform draw from [-jitter, +jitter] before it is written. Several
     * latency toxics on the same flow add up.
     */
    record Latency(Duration mean, Duration jitter, Direction direction) implements Toxic {
        public Latency {
            Objects.requireNonNull(mean, "mean");
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(direction, "direction");
            if (mean.isNegative() || jitter.isNegative()) {
                throw new IllegalArgumentException("latency and jitter must not be negative: " + mean + " ± " + jitter);
            }
            // A jitter wider than the mean would have to be clamped at zero, and the clamping would move the real
            // mean away from the configured one: the evidence would then silently disagree with the configuration.
            if (jitter.compareTo(mean) > 0) {
                throw new IllegalArgumentException("jitter " + jitter + " exceeds the mean " + mean);
            }
        }

        public static Latency of(Duration mean, Direction direction) {
            return new Latency(mean, Duration.ZERO, direction);
        }
    }

    /** Connections stay open and data is read and dropped, like a partition that neither side is told about. */
    record Blackhole(Direction direction) implements Toxic {
        public Blackhole {
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Existing connections, and every new one while active, are closed with a TCP reset. */
    record Reset() implements Toxic {
    }

    /** Each connection's flow is limited to {@code bytesPerSecond}; several bandwidth toxics on a flow: the lowest wins. */
    record Bandwidth(long bytesPerSecond, Direction direction) implements Toxic {
        public Bandwidth {
            Objects.requireNonNull(direction, "direction");
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("bandwidth must be positive: " + bytesPerSecond);
            }
        }
    }

    /**
     * The server is gone: the listening socket is closed so connects are refused by the kernel, and existing
     * connections are reset. Removing it binds the same port again, because clients were configured with it.
     */
    record Outage() implements Toxic {
    }
}
