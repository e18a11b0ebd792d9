package io.flinkcertify.harness.fault;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Something a target can offer fault actions (its pods, a proxy on a path, a checkpoint directory of its own), or
 * the reason it cannot, in the target's own words: "not applicable" is always computed from these reasons. A
 * capability that costs a look-up (is Chaos Mesh installed?) is resolved once, on first use.
 */
public final class Capability<T> {

    private record Resolved<T>(T value, String whyNot) {}

    private final Supplier<Resolved<T>> resolve;
    private Resolved<T> resolved;

    private Capability(Supplier<Resolved<T>> resolve) {
        this.resolve = resolve;
    }

    public static <T> Capability<T> of(T value) {
        Resolved<T> r = new Resolved<>(value, null);
        return new Capability<>(() -> r);
    }

    public static <T> Capability<T> absent(String whyNot) {
        Resolved<T> r = new Resolved<>(null, whyNot);
        return new Capability<>(() -> r);
    }

    public static <T> Capability<T> lazy(Supplier<Capability<T>> later) {
        return new Capability<>(() -> later.get().resolved());
    }

    private synchronized Resolved<T> resolved() {
        if (resolved == null) {
            resolved = resolve.get();
        }
        return resolved;
    }

    public Optional<T> value() {
        return Optional.ofNullable(resolved().value());
    }

    public boolean present() {
        return resolved().value() != null;
    }

    /** Why the target lacks it (only meaningful when absent). */
    public String whyNot() {
        return resolved().whyNot();
    }
}
