package io.flinkcertify.harness.components;

import io.flinkcertify.harness.targets.TargetException;

/**
 * A component a job needs (the Kafka broker) could not be started or used: an environment problem, like a target
 * that does not start, and mapped to the same exit code (3).
 */
public final class ComponentException extends TargetException {
    public ComponentException(String message, Throwable cause) {
        super(message, cause);
    }

    public ComponentException(String message) {
        super(message);
    }
}
