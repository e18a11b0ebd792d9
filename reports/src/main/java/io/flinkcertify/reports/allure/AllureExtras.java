package io.flinkcertify.reports.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flinkcertify.reports.input.VerdictFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The two files Allure reads beside the results: {@code categories.json} (how it sorts what did not pass) and
 * {@code environment.properties} (the run's facts on its overview page), both from verdict.json alone.
 */
public final class AllureExtras {

    /**
     * One Allure category. Allure puts a result in the first category that matches, so environment errors come
     * before product defects: both are FAILED checks, an environment error's message says so.
     */
    public record Category(String name, String description, List<String> matchedStatuses, String messageRegex) {}

    /** The message prefix the harness gives a check that failed because of the environment. */
    public static final String ENVIRONMENT_MARK = "environment error";

    public static final List<Category> CATEGORIES = List.of(
            new Category("Environment", "a target or component could not start or be reached: not the job's fault",
                    List.of("failed", "broken"), "(?s).*" + ENVIRONMENT_MARK + ".*"),
            new Category("Product defect", "the job failed a check on a target that ran", List.of("failed", "broken"), null),
            new Category("Not applicable", "skipped: the target lacks what the check needs (the reason says what)",
                    List.of("skipped"), null));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    public static void write(Path allureResults, VerdictFile verdict) {
        try {
            Files.createDirectories(allureResults);
            JSON.writeValue(allureResults.resolve("categories.json").toFile(), CATEGORIES);
            Files.writeString(allureResults.resolve("environment.properties"), environment(verdict), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure's categories/environment under " + allureResults, e);
        }
    }

    static String environment(VerdictFile verdict) {
        TreeSet<String> targets = new TreeSet<>();
        verdict.jobs().forEach(j -> j.checks().forEach(c -> {
            if (!c.target().contains("->")) {
                targets.add(c.target());
            }
        }));
        // a properties file without java.util.Properties: its output starts with a date comment, and the file must
        // not change between two writes from the same verdict
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        entries.put("Flink.version", verdict.flinkVersion());
        entries.put("Targets", String.join(", ", targets));
        entries.put("Seed", String.valueOf(verdict.seed()));
        entries.put("Run.id", verdict.runId());
        entries.put("Batch", verdict.batch());
        entries.put("Verdict", verdict.verdict());
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append(" = ").append(escape(String.valueOf(v))).append('\n'));
        return sb.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private AllureExtras() {}
}
