package io.flinkcertify.harness.fault;

/** A target cannot perform a fault kind; the reason goes into the report, it is never a silent skip. */
public class NotApplicable extends RuntimeException {
    public NotApplicable(FaultKind kind, String target, String reason) {
        super(kind.label() + " is not applicable on " + target + ": " + reason);
    }
}
