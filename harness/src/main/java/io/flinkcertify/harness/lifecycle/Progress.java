package io.flinkcertify.harness.lifecycle;

import io.flinkcertify.harness.secrets.Redaction;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Human-facing progress lines ("JobManager REST up in 5.1 s"). The CLI prints them as they come; under
 * Maven they land in the test output. Never used for verdicts: those come from measurements in evidence.
 */
public final class Progress {

    private static final Instant START = Instant.now();
    private static volatile Consumer<String> sink = line -> System.err.println(line);

    public static void say(String scope, String message) {
        Duration d = Duration.between(START, Instant.now());
        // progress often quotes exceptions and configs: masked like everything else that leaves the harness
        sink.accept(Redaction.apply(String.format("  [%3d:%02d] %-14s %s", d.toMinutes(), d.toSecondsPart(), scope,
                message)));
    }

    public static void redirect(Consumer<String> newSink) {
        sink = newSink;
    }

    private Progress() {}
}
