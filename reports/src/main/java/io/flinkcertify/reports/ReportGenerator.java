package io.flinkcertify.reports;

import io.flinkcertify.reports.html.HtmlReport;
import io.flinkcertify.reports.input.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes {@code OUT/report.html} from the files of a finished run (verdict.json, runs/, checks/) and nothing else,
 * so a run writes it at its end and {@code bin/certify report OUT} writes the same page again later.
 */
public final class ReportGenerator {

    public static final String FILE = "report.html";

    private final Clock clock;

    public ReportGenerator(Clock clock) {
        this.clock = clock;
    }

    public ReportGenerator() {
        this(Clock.systemUTC());
    }

    /** @return the report written */
    public Path generate(Path out) {
        RunFiles files = RunFiles.read(out);
        String page = HtmlReport.render(files, Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Path target = out.resolve(FILE);
        try {
            // straight to its name: OUT holds only the outputs the run owns (no temporary file beside them)
            Files.writeString(target, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }
}
