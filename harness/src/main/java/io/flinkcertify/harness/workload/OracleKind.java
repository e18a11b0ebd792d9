package io.flinkcertify.harness.workload;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The oracles a manifest can ask for, by the names users write. */
public enum OracleKind {
    /** Committed output follows the keyed-sequence convention and has no gap, repeat or reordering per key. */
    EXACTLY_ONCE("exactly-once"),
    /** Reaches RUNNING, completes checkpoints, keeps running for the window without restarts. */
    AVAILABILITY("availability"),
    /**
     * The event-time-windows workload's window counts equal what its generator implies (computed by the harness):
     * every event counted once, late ones within the allowed lateness included.
     */
    WINDOW_RESULTS("window-results");

    private final String label;

    OracleKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OracleKind> fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(OracleKind::label).collect(Collectors.joining(", "));
    }
}
