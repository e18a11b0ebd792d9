package io.flinkcertify.harness.targets;

/** The guard of what a target has only once started: asking before {@link Target#start()} is a harness bug. */
public final class NotStarted {

    /** Returns {@code handle}, or throws if the target of {@code kind} has not set it yet. */
    public static <T> T guard(String kind, T handle) {
        if (handle == null) {
            throw new IllegalStateException(kind + " target is not started");
        }
        return handle;
    }

    private NotStarted() {}
}
