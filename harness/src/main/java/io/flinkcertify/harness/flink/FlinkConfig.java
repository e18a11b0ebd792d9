package io.flinkcertify.harness.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable Flink configuration. Written as {@code config.yaml} with flat keys, which both Flink 1.20 (it
 * prefers config.yaml over the legacy flink-conf.yaml) and Flink 2.x (config.yaml only) read.
 */
public final class FlinkConfig {

    public static final String FILE_NAME = "config.yaml";
    private final Map<String, String> entries;

    private FlinkConfig(Map<String, String> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static FlinkConfig empty() {
        return new FlinkConfig(new LinkedHashMap<>());
    }

    public static FlinkConfig of(Map<String, String> entries) {
        return empty().withAll(entries);
    }

    public FlinkConfig with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.put(key, String.valueOf(value));
        return new FlinkConfig(copy);
    }

    /** Later entries win: target defaults, then the job's overrides, then what the harness must own (ports). */
    public FlinkConfig withAll(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.putAll(more);
        return new FlinkConfig(copy);
    }

    public String get(String key) {
        return entries.get(key);
    }

    public Map<String, String> asMap() {
        return entries;
    }

    public Path writeTo(Path confDir) {
        try {
            Files.createDirectories(confDir);
            return Files.writeString(confDir.resolve(FILE_NAME), toYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Flink config to " + confDir, e);
        }
    }

    String toYaml() {
        return entries.entrySet().stream()
                .map(e -> e.getKey() + ": " + quote(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    // single-quoted YAML scalars: nothing inside needs escaping but the quote itself
    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
