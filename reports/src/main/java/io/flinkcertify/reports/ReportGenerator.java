package io.flinkcertify.reports;

import io.flinkcertify.reports.html.HtmlReport;
import io.flinkcertify.reports.input.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path partial = out.resolve(FILE + ".partial");
        try {
            // written aside and moved: a reader (or a killed run) never sees half a report
            Files.writeString(partial, page, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }
}
