package io.flinkcertify.harness.rest;

/** A Flink REST call failed: unreachable, timed out, or answered with an error status. */
public class RestException extends RuntimeException {
    private final int status;

    public RestException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or -1 when no answer arrived. */
    public int status() {
        return status;
    }
}
