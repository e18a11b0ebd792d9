package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parts a job's health score is made of; each is scored 0-10 and weighted by the policy. */
public enum Component {
    CORRECTNESS, RECOVERY, STABILITY, PERFORMANCE, REGRESSION, MIGRATION, CONFIGURATION;

    /** How it is spelled in policy files and verdict.json. */
    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Component> of(String label) {
        return Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Component::label).collect(Collectors.joining(", "));
    }
}
