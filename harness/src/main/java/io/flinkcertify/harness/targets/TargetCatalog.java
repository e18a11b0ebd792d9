package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.targets.kubernetes.K3sCluster;
import io.flinkcertify.harness.targets.kubernetes.KubeconfigCluster;
import io.flinkcertify.harness.targets.kubernetes.KubernetesTarget;
import io.flinkcertify.harness.targets.kubernetes.emulated.EmulatedKubernetes;
import io.flinkcertify.harness.targets.standalone.StandaloneTarget;
import io.flinkcertify.harness.targets.yarn.YarnMiniTarget;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** The target kinds this build can start, by the name users give on the command line. */
public final class TargetCatalog {

    private static final Map<String, Function<TargetOptions, Target>> KINDS = new LinkedHashMap<>();
    /** How long a kind may take to say whether it can run here (the CLI asks before anything starts). */
    private static final Duration AVAILABILITY_LIMIT = Duration.ofSeconds(10);
    /** Kinds that need something this machine may lack; the others can always run. */
    private static final Map<String, Supplier<Optional<String>>> REQUIREMENTS = new LinkedHashMap<>();

    static {
        KINDS.put(StandaloneTarget.KIND, StandaloneTarget::new);
        KINDS.put(YarnMiniTarget.KIND, YarnMiniTarget::new);
        KINDS.put(EmulatedKubernetes.TOPIC, options -> new KubernetesTarget(EmulatedKubernetes.TOPIC, options,
                o -> EmulatedKubernetes.shared(o.workRoot())));
        KINDS.put(KubeconfigCluster.KIND, options -> new KubernetesTarget(KubeconfigCluster.KIND, options,
                o -> new KubeconfigCluster(o.kubernetes())));
        KINDS.put(K3sCluster.KIND, options -> new KubernetesTarget(K3sCluster.KIND, options, K3sCluster::start));
        REQUIREMENTS.put(K3sCluster.KIND, () -> K3sCluster.unavailableReason(AVAILABILITY_LIMIT));
    }

    /** Why {@code kind} cannot run on this machine at all (one line starting with the kind), or empty if it can. */
    public static Optional<String> unavailableReason(String kind) {
        return REQUIREMENTS.getOrDefault(kind, Optional::empty).get();
    }

    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** The embedded targets certified when the user names none. */
    public static Set<String> defaults() {
        return new java.util.LinkedHashSet<>(java.util.List.of(YarnMiniTarget.KIND, EmulatedKubernetes.TOPIC));
    }

    /**
     * Whether the kind's Flink processes run on this machine and share its loopback (standalone processes, YARN
     * containers, emulated pods): only those can reach a component the harness starts on loopback (the Kafka broker).
     */
    public static boolean onThisMachine(String kind) {
        return kind.equals(StandaloneTarget.KIND) || kind.equals(YarnMiniTarget.KIND) || kind.equals(EmulatedKubernetes.TOPIC);
    }

    public static boolean knows(String kind) {
        return KINDS.containsKey(kind);
    }

    public static Target create(String kind, TargetOptions options) {
        Function<TargetOptions, Target> factory = KINDS.get(kind);
        if (factory == null) {
            throw new IllegalArgumentException("unknown target '" + kind + "'; known: " + String.join(", ", kinds()));
        }
        return factory.apply(options);
    }

    private TargetCatalog() {}
}
