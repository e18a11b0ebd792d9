package io.flinkcertify.harness.workload;

import java.nio.file.Path;

/** A manifest is unusable. The message is one line: the file, the field, what is wrong, and the fix. */
public class ManifestException extends RuntimeException {

    private final String field;

    public ManifestException(Path file, String field, String problem, String fix) {
        super("manifest " + file + ": " + field + ": " + problem + "; fix: " + fix);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
