package io.flinkcertify.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test fixture: the files of a real run (trimmed: fewer deployments, one vertex per poll), copied into a fresh
 * OUT so a test may write report.html beside them.
 */
final class SampleRun {

    static final ObjectMapper JSON = new ObjectMapper();

    static Path copyTo(Path out) {
        try {
            Path source = Path.of(SampleRun.class.getResource("/sample-run/verdict.json").toURI()).getParent();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path target = out.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the sections of {@code optional-sections.json} to the run's verdict.json, as later gates will. */
    static void addOptionalSections(Path out) throws IOException {
        ObjectNode verdict = (ObjectNode) JSON.readTree(out.resolve("verdict.json").toFile());
        JsonNode extra = JSON.readTree(SampleRun.class.getResource("/optional-sections.json"));
        // health merges into the jobs the run wrote (same job, by name); the other sections are new top-level fields
        for (JsonNode health : extra.get("jobs")) {
            for (JsonNode job : verdict.get("jobs")) {
                if (job.get("id").asText().equals(health.get("job").asText())) {
                    ((ObjectNode) job).setAll((ObjectNode) health);
                }
            }
        }
        extra.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("jobs")) {
                verdict.set(f.getKey(), f.getValue());
            }
        });
        JSON.writeValue(out.resolve("verdict.json").toFile(), verdict);
    }

    /** Every record's deployments, as the raw JSON tree (independent of the report's own reading). */
    static List<JsonNode> deployments(Path out) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("record.json")).sorted().toList()) {
                JSON.readTree(p.toFile()).get("runs").forEach(runs::add);
            }
        }
        return runs;
    }

    static long events(JsonNode run, String type) {
        long n = 0;
        for (JsonNode e : run.get("events")) {
            if (e.get("type").asText().equals(type)) {
                n++;
            }
        }
        return n;
    }

    private SampleRun() {}
}
