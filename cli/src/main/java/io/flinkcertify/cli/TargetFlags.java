package io.flinkcertify.cli;

import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.targets.kubernetes.K3sCluster;
import io.flinkcertify.harness.targets.kubernetes.KubeconfigCluster;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the target list and the flags that only some target kinds read. A flag no chosen target reads would be
 * silently ignored, and the user would believe, say, that the run deployed into {@code --namespace prod}.
 */
final class TargetFlags {

    /** Each target-specific flag and the kinds that read it. */
    private static final Map<String, Set<String>> READERS = new LinkedHashMap<>();

    static {
        Set<String> kubeconfigOnly = Set.of(KubeconfigCluster.KIND);
        READERS.put("--kubeconfig", kubeconfigOnly);
        READERS.put("--context", kubeconfigOnly);
        READERS.put("--namespace", kubeconfigOnly);
        READERS.put("--allow-namespace", kubeconfigOnly);
        READERS.put("--storage-dir", kubeconfigOnly);
        READERS.put("--flink-image", Set.of(KubeconfigCluster.KIND, K3sCluster.KIND));
    }

    /** Throws {@link BadInput} for an unknown or repeated target. */
    static void checkTargets(List<String> kinds) {
        Set<String> seen = new HashSet<>();
        for (String kind : kinds) {
            if (!TargetCatalog.knows(kind)) {
                throw new BadInput("--targets", "unknown target '" + kind + "'", "use one of " + String.join(",", TargetCatalog.kinds()));
            }
            if (!seen.add(kind)) {
                throw new BadInput("--targets", "'" + kind + "' is listed twice", "name each target once");
            }
        }
    }

    /** Throws {@link BadInput} for the first of {@code given} that none of the chosen {@code kinds} reads. */
    static void checkApplicable(Collection<String> given, List<String> kinds) {
        for (Map.Entry<String, Set<String>> flag : READERS.entrySet()) {
            if (given.contains(flag.getKey()) && kinds.stream().noneMatch(flag.getValue()::contains)) {
                throw new BadInput(flag.getKey(), "does nothing with the chosen targets " + kinds,
                        "add a target that reads it (" + String.join(", ", flag.getValue().stream().sorted().toList())
                                + ") to --targets, or drop the flag");
            }
        }
    }

    private TargetFlags() {}
}
