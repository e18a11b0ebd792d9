package io.flinkcertify.harness.gate;

import java.nio.file.Path;

/** A policy file the gate cannot use: one line naming the file, the field and the fix; the CLI exits 2. */
public final class BadPolicy extends RuntimeException {

    public BadPolicy(Path file, String field, String problem, String fix) {
        super("policy " + file + ": " + field + ": " + problem + "; fix: " + fix);
    }
}
