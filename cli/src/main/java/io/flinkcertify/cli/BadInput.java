package io.flinkcertify.cli;

/** Usage or input error: one line naming the flag or field and the fix; exit code 2. */
final class BadInput extends RuntimeException {
    BadInput(String flag, String problem, String fix) {
        super(flag + ": " + problem + "; fix: " + fix);
    }
}
