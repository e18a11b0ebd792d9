package io.flinkcertify.cli;

/** A chosen target cannot run on this machine (no Docker engine, no image): exit code 3 with the reason, one line. */
final class TargetCannotRun extends RuntimeException {
    TargetCannotRun(String reason) {
        super(reason);
    }
}
