package io.flinkcertify.reports.input;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a finished run the report is made from, read in a fixed order (sorted paths) so that the same OUT
 * always gives the same report.
 *
 * @param records    every {@code runs/<job>/<target>/record.json}, with its path relative to OUT
 * @param checkFiles each check's {@code checks/*.json}, relative to OUT, by {@link #checkKey}
 * @param hasLogs    whether OUT has a {@code logs/} folder to link to
 */
public record RunFiles(VerdictFile verdict, List<Record> records, Map<String, String> checkFiles, boolean hasLogs) {

    public record Record(String path, RunRecordFile record) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CheckFile(String job, String suite, String target, String name) {}

    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static String checkKey(String job, String suite, String target, String name) {
        return job + "\u0000" + suite + "\u0000" + target + "\u0000" + name;
    }

    /** @throws ReportInputException naming the file when verdict.json is missing or a file is not what it should be */
    public static RunFiles read(Path out) {
        VerdictFile verdict = readVerdict(out);
        List<Record> records = new ArrayList<>();
        for (Path p : sorted(out.resolve("runs"), "record.json")) {
            records.add(new Record(relative(out, p), parse(p, RunRecordFile.class)));
        }
        Map<String, String> checkFiles = new LinkedHashMap<>();
        for (Path p : sorted(out.resolve("checks"), ".json")) {
            CheckFile c = parse(p, CheckFile.class);
            checkFiles.putIfAbsent(checkKey(c.job(), c.suite(), c.target(), c.name()), relative(out, p));
        }
        return new RunFiles(verdict, records, checkFiles, Files.isDirectory(out.resolve("logs")));
    }

    /** @throws ReportInputException naming the file when verdict.json is missing or unreadable */
    public static VerdictFile readVerdict(Path out) {
        Path verdictPath = out.resolve("verdict.json");
        if (!Files.isRegularFile(verdictPath)) {
            throw new ReportInputException(verdictPath + " does not exist; pass the --out directory of a finished run");
        }
        return parse(verdictPath, VerdictFile.class);
    }

    private static List<Path> sorted(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path out, Path p) {
        return out.relativize(p).toString().replace('\\', '/');
    }

    private static <T> T parse(Path p, Class<T> type) {
        try {
            return JSON.readValue(p.toFile(), type);
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ReportInputException(p + " is not a readable " + type.getSimpleName() + " (" + first
                    + "); regenerate it with a bin/certify run");
        }
    }
}
