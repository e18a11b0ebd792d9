package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.Evidence;

import java.util.Objects;

/**
 * An oracle's answer: passed or not, why not (one line), and the typed measurements it rests on.
 */
public record Judgement(boolean passed, String reason, Evidence evidence) {

    public Judgement {
        Objects.requireNonNull(evidence, "evidence (use Evidence.none())");
    }

    public static Judgement pass(Evidence evidence) {
        return new Judgement(true, null, evidence);
    }

    public static Judgement fail(String reason, Evidence evidence) {
        return new Judgement(false, reason, evidence);
    }

    public static Judgement fail(String reason) {
        return new Judgement(false, reason, Evidence.none());
    }

    /** The evidence as the type a caller knows this judgement carries (a deploy's Deployment, ...). */
    public <E extends Evidence> E evidence(Class<E> type) {
        if (!type.isInstance(evidence)) {
            throw new IllegalStateException("expected " + type.getSimpleName() + " evidence, got "
                    + evidence.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")"));
        }
        return type.cast(evidence);
    }
}
