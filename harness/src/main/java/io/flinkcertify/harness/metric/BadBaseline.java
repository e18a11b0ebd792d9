package io.flinkcertify.harness.metric;

import java.nio.file.Path;

/**
 * A baseline the gate cannot use: one line naming the file (or directory) and the fix. Never swallowed into a
 * pass: a regression check against a baseline that could not be read has not been made. The CLI exits 2.
 */
public final class BadBaseline extends RuntimeException {

    public BadBaseline(Path file, String problem, String fix) {
        super("baseline " + file + ": " + problem + "; fix: " + fix);
    }
}
