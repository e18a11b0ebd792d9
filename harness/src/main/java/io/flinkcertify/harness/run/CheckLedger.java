package io.flinkcertify.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where check results go: one JSON file per check under {@code OUT/checks/}, written the moment the check ends,
 * so a run killed halfway still leaves what it established. The verdict is assembled from these files, whether
 * the suites ran under Maven or under bin/certify.
 */
public final class CheckLedger {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final Path directory;

    public CheckLedger(Path outDir) {
        this.directory = outDir.resolve("checks");
    }

    public synchronized void record(CheckResult result) {
        try {
            Files.createDirectories(directory);
            String name = String.format("%04d-%s-%s-%s-%s.json", SEQUENCE.incrementAndGet(), result.suite(),
                    result.target(), result.job(), result.name()).replaceAll("[^A-Za-z0-9._-]", "_");
            JSON.writeValue(directory.resolve(name).toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record check " + result.name(), e);
        }
    }

    public List<CheckResult> read() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<CheckResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList()) {
                results.add(JSON.readValue(f.toFile(), CheckResult.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checks from " + directory, e);
        }
        return results;
    }
}
