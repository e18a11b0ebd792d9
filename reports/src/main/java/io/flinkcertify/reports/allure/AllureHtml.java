package io.flinkcertify.reports.allure;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Allure's own HTML report ({@code OUT/allure-report}), made by Allure's command line: the {@code allure} command
 * when installed (npm's {@code allure-commandline} package bundles it), else through {@code npx}, which may fetch
 * that package. Allure's trend charts come from the previous report's {@code history/}, copied into the results
 * before each generation, so they span the runs written to the same OUT.
 */
public final class AllureHtml {

    public static final String DIR = "allure-report";
    static final long TIMEOUT_MINUTES = 5;

    /** The command that runs Allure here, or empty when neither {@code allure} nor {@code npx} is on PATH. */
    public static Optional<List<String>> command() {
        if (onPath("allure")) {
            return Optional.of(List.of("allure"));
        }
        if (onPath("npx")) {
            return Optional.of(List.of("npx", "--yes", "allure-commandline"));
        }
        return Optional.empty();
    }

    /** @return the folder written; @throws IllegalStateException with Allure's last output line when it fails */
    public static Path generate(Path out, List<String> allure) {
        Path results = out.resolve("allure-results");
        Path report = out.resolve(DIR);
        try {
            copyTree(report.resolve("history"), results.resolve("history"));
            List<String> command = new ArrayList<>(allure);
            command.addAll(List.of("generate", results.toString(), "-o", report.toString(), "--clean"));
            Path log = Files.createTempFile("allure-generate", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    List<String> lines = Files.readAllLines(log);
                    throw new IllegalStateException("Allure's generate did not succeed (" + String.join(" ", command)
                            + "): " + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
                }
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                Files.deleteIfExists(log);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Allure generated its report", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private AllureHtml() {}
}
