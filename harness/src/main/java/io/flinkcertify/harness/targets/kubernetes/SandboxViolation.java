package io.flinkcertify.harness.targets.kubernetes;

import io.flinkcertify.harness.targets.TargetException;

/** The harness was about to touch something outside its sandbox, and did not. */
public final class SandboxViolation extends TargetException {
    public SandboxViolation(String message) {
        super(message);
    }
}
