package io.flinkcertify.harness.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a certification run is asked to do. The CLI passes these as JUnit configuration parameters; under Maven
 * they come from system properties (JUnit falls back to them), so both paths run the suites identically.
 *
 * @param batch   manifest path, or null for the reference batch
 * @param targets target kinds, or empty for the defaults
 */
public record RunSettings(Path batch, List<String> targets, Path out, long seed) {

    public static final String BATCH = "certify.batch";
    public static final String TARGETS = "certify.targets";
    public static final String OUT = "certify.out";
    public static final String SEED = "certify.seed";

    /** Reads the settings through a lookup (JUnit's configuration parameters, or System::getProperty). */
    public static RunSettings from(Function<String, Optional<String>> lookup) {
        Path batch = lookup.apply(BATCH).filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        List<String> targets = lookup.apply(TARGETS).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())
                .orElse(List.of());
        Path out = lookup.apply(OUT).filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of("target", "certify"));
        long seed = lookup.apply(SEED).filter(s -> !s.isBlank()).map(Long::parseLong).orElse(1L);
        return new RunSettings(batch, targets, out, seed);
    }
}
