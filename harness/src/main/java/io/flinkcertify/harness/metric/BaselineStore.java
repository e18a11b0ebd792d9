package io.flinkcertify.harness.metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The baselines in one directory ({@code --baseline DIR}): one plain JSON file per job x target x Flink version x
 * metric, so a CI job can cache or commit them and a diff shows what a run added. Anything it cannot read is a
 * {@link BadBaseline}; a file that does not exist yet is simply no history.
 */
public final class BaselineStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path dir;

    private BaselineStore(Path dir) {
        this.dir = dir;
    }

    /**
     * @param create true when this run records a baseline (the first run of a new baseline makes the folder);
     *               false when it only compares, where a missing folder is a mistyped path, not an empty history
     */
    public static BaselineStore open(Path dir, boolean create) {
        if (Files.isDirectory(dir)) {
            return new BaselineStore(dir);
        }
        if (Files.exists(dir)) {
            throw new BadBaseline(dir, "is not a directory", "pass the folder that holds the baseline files");
        }
        if (!create) {
            throw new BadBaseline(dir, "the directory does not exist",
                    "check the path, or add --record-baseline to start a new baseline there");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadBaseline(dir, "cannot create the directory (" + e.getMessage() + ")",
                    "pass a folder this user can write");
        }
        return new BaselineStore(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path fileOf(BaselineKey key) {
        return dir.resolve(key.relativePath());
    }

    /** The history of a key, empty when no run has been recorded for it. */
    public Optional<BaselineFile> read(BaselineKey key) {
        Path file = fileOf(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        BaselineFile read = parse(file);
        if (!read.key().equals(key)) {
            throw new BadBaseline(file, "holds " + read.key() + ", not " + key,
                    "move the file back where 'bin/certify baseline' lists it, or delete it");
        }
        return Optional.of(read);
    }

    public List<BaselineRun> history(BaselineKey key) {
        return read(key).map(BaselineFile::runs).orElse(List.of());
    }

    /** Appends this run's trials to the key's history and returns the file written. */
    public Path append(MetricSamples samples, String runId, Instant time) {
        BaselineKey key = samples.key();
        BaselineFile before = read(key).orElseGet(() -> BaselineFile.empty(key, samples.metric()));
        BaselineFile after = before.with(new BaselineRun(runId, time.toString(), samples.jobJarSha256(),
                samples.flinkConfigHash(), samples.samples().values()));
        Path file = fileOf(key);
        try {
            Files.createDirectories(file.getParent());
            // written beside and moved over: a run killed mid-write must not leave a corrupt history behind
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), after);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadBaseline(file, "cannot write (" + e.getMessage() + ")", "make the baseline directory writable");
        }
        return file;
    }

    /** Every baseline file under the directory, in path order; each is parsed, so a corrupt one is reported. */
    public List<Listed> list() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted()
                    .map(f -> new Listed(dir.relativize(f), parse(f))).toList();
        } catch (IOException e) {
            throw new BadBaseline(dir, "cannot list (" + e.getMessage() + ")", "make the baseline directory readable");
        }
    }

    /** A baseline file as listed: where it is (relative to the directory) and what it holds. */
    public record Listed(Path path, BaselineFile content) {}

    static BaselineFile parse(Path file) {
        try {
            return JSON.readValue(file.toFile(), BaselineFile.class);
        } catch (JsonProcessingException e) {
            throw new BadBaseline(file, "not a baseline file (" + firstLine(e.getOriginalMessage()) + ")",
                    "restore it from the CI cache or version control, or delete it to start this history again");
        } catch (IOException e) {
            throw new BadBaseline(file, "cannot read (" + e.getMessage() + ")", "make the file readable");
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
