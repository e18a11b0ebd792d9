package io.flinkcertify.harness.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.flinkcertify.harness.secrets.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code OUT/runs/<job>/<target>/record.json}: every deployment of one job on one target in a certification,
 * each a {@link RunRecord}. Shape: {@code harness/src/main/resources/flink-certify/run-record.schema.json}.
 */
public record RecordFile(int schemaVersion, String job, String target, List<RunRecord> runs) {

    public static final int SCHEMA_VERSION = 1;
    public static final String NAME = "record.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RecordFile {
        runs = List.copyOf(runs);
    }

    /** The folder of one job x target's record under OUT. */
    public static Path folder(Path out, String job, String target) {
        return out.resolve("runs").resolve(job).resolve(target);
    }

    public static RecordFile read(Path file) {
        try {
            RecordFile f = JSON.readValue(file.toFile(), RecordFile.class);
            if (f.schemaVersion() != SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + ": schemaVersion " + f.schemaVersion() + ", this harness reads "
                        + SCHEMA_VERSION);
            }
            Path home = file.toAbsolutePath().getParent();
            return new RecordFile(f.schemaVersion(), f.job(), f.target(),
                    f.runs().stream().map(r -> r.withHome(home)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every record file below {@code OUT/runs}, in path order. */
    public static List<RecordFile> readAll(Path out) {
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(runs, 3)) {
            return files.filter(p -> p.getFileName().toString().equals(NAME)).sorted().map(RecordFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run records under " + runs, e);
        }
    }

    /** This file with {@code run} added, or replacing the run of the same number. */
    RecordFile with(RunRecord run) {
        List<RunRecord> merged = new ArrayList<>(runs.stream().filter(r -> r.run() != run.run()).toList());
        merged.add(run);
        merged.sort((a, b) -> Integer.compare(a.run(), b.run()));
        return new RecordFile(schemaVersion, job, target, merged);
    }

    /**
     * Written whole to a sibling and moved into place: a reader never sees half a record. Masked like every other
     * output: evidence and reasons in a record can quote what a target or a failure said.
     */
    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(NAME + ".partial");
            Files.writeString(partial, Redaction.apply(JSON.writeValueAsString(this)));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run record " + file, e);
        }
    }
}
