package io.flinkcertify.cli;

/** The contract CI gates on. */
public final class ExitCodes {
    public static final int PASS = 0;
    public static final int VERDICT_FAIL = 1;
    public static final int BAD_INPUT = 2;
    public static final int ENVIRONMENT = 3;

    private ExitCodes() {}
}
