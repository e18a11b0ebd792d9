package io.flinkcertify.harness.probe;

/** A wait ran out of time or became hopeless; the message says what was awaited and what was last seen. */
public class WaitTimeout extends AssertionError {
    public WaitTimeout(String message, Throwable cause) {
        super(message, cause);
    }
}
