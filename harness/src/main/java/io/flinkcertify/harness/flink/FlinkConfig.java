package io.flinkcertify.harness.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An immutable Flink configuration. Written as {@code config.yaml} with flat keys, which both Flink 1.20 (it
 * prefers config.yaml over the legacy flink-conf.yaml) and Flink 2.x (config.yaml only) read.
 */
public final class FlinkConfig {

    public static final String FILE_NAME = "config.yaml";

    // one flat name: nothing YAML reads as structure (':', '#', quotes, spaces, line breaks), so no input can add
    // a line or a key to the file
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    // what the file may hold: plain keys, and Flink's own internal ones the harness sets itself (a job's manifest
    // cannot: ManifestLoader checks the plain pattern)
    private static final Pattern WRITTEN_KEY = Pattern.compile("(\\$internal\\.)?[A-Za-z0-9][A-Za-z0-9._-]*");
    // a value is quoted when written; only a line break (or another control character; NEL, LS and PS are line
    // breaks to YAML 1.1 readers) could end its line
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\u0085\u2028\u2029&&[^\t]]");

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

    /** Why {@code key} cannot be a key of a written config file, or empty. */
    public static Optional<String> keyProblem(String key) {
        return KEY.matcher(key).matches() ? Optional.empty()
                : Optional.of("is not a plain Flink key (letters, digits, '.', '-', '_'; no spaces, ':', '#', quotes or "
                        + "line breaks)");
    }

    /** Why {@code value} cannot be written as one config value, or empty. */
    public static Optional<String> valueProblem(String value) {
        return CONTROL.matcher(value).find() ? Optional.of("has a line break or another control character in its value")
                : Optional.empty();
    }

    /** {@code text} on one line, control characters escaped: how a key is named in a message. */
    public static String printable(String text) {
        return CONTROL.matcher(text.replace("\\", "\\\\")).replaceAll(m -> switch (m.group().charAt(0)) {
            case '\n' -> "\\\\n";
            case '\r' -> "\\\\r";
            default -> String.format("\\\\u%04x", (int) m.group().charAt(0));
        });
    }

    String toYaml() {
        // the last line of defence: whatever assembled these entries, none may add a line or a key to the file
        entries.forEach((key, value) -> (WRITTEN_KEY.matcher(key).matches() ? Optional.<String>empty() : keyProblem(key))
                .or(() -> valueProblem(value)).ifPresent(problem -> {
                    throw new IllegalArgumentException("Flink config key '" + printable(key) + "' " + problem);
                }));
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
