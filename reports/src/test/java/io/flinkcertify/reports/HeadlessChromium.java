package io.flinkcertify.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's {@code chromium}, headless, each call with a profile of its own; every process it starts is ended. */
final class HeadlessChromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** The browser on PATH, or empty when this machine has none. */
    static Optional<HeadlessChromium> find(Path work) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, work));
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM after its load handlers ran. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run("dom", List.of("--dump-dom", page.toUri().toString()));
    }

    void screenshot(Path page, Path png) throws IOException, InterruptedException {
        run("screenshot", List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,2000",
                "--hide-scrollbars", page.toUri().toString()));
    }

    private String run(String name, List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        Path stdout = work.resolve(name + ".out");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(work.resolve(name + ".err").toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chromium did not finish in 120 s; see " + work.resolve(name + ".err"));
            }
        } finally {
            // chromium forks helpers (zygote, GPU, renderer): end them all, the process we started last
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
