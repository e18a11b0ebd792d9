package io.flinkcertify.harness.process;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The identity of one harness JVM's run. Every process it starts carries it as a system property and every
 * Kubernetes object as a label, so cleanup can prove ownership before it touches anything.
 */
public final class RunId {

    public static final String PROPERTY = "flink-certify.run";
    private static final RunId CURRENT = new RunId(
            "fc-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));

    private final String value;

    private RunId(String value) {
        this.value = value;
    }

    public static RunId current() {
        return CURRENT;
    }

    public String value() {
        return value;
    }

    /** The argv marker by which a leftover process is recognised as ours. */
    public String marker() {
        return "-D" + PROPERTY + "=" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
