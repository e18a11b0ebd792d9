package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Role;

import java.time.Duration;
import java.util.Map;

/**
 * One disturbance as plain data: what, aimed at which instance, when (offset from the start of the fault window),
 * for how long (zero for instantaneous faults such as kills), with kind-specific parameters. Interpreted per target
 * by a fault action chosen from the target's capabilities ({@link FaultActions}), in the way Jepsen separates the
 * generator from the nemesis.
 *
 * @param instance index among the instances of {@code role} (modulo their count), chosen by the schedule's seed
 */
public record Fault(FaultKind kind, Role role, int instance, Duration start, Duration duration, Map<String, String> parameters) {

    public Fault {
        parameters = Map.copyOf(parameters);
    }

    public static Fault of(FaultKind kind, Role role, Duration duration) {
        return new Fault(kind, role, 0, Duration.ZERO, duration, Map.of());
    }

    public String describe() {
        return kind.label() + " of " + role.name().toLowerCase() + "#" + instance
                + (duration.isZero() ? "" : " for " + duration.toMillis() / 1000.0 + " s") + " at +" + start.toMillis() / 1000.0 + " s";
    }
}
