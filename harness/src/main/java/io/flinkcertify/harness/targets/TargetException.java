package io.flinkcertify.harness.targets;

/**
 * A target could not be started or reached: an environment problem, not a verdict about the job.
 * The CLI maps it to exit code 3; the message must say why in one line.
 */
public class TargetException extends RuntimeException {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
