package io.flinkcertify.harness.run;

public enum CheckStatus {
    PASSED, FAILED, SKIPPED
}
