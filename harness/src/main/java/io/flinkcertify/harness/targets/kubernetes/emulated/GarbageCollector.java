package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubernetes' owner-reference garbage collection, for the kinds Flink creates: an object whose owners are all
 * gone is deleted. Deleting a Flink cluster's JobManager Deployment therefore takes its pods, its TaskManager pods,
 * its services and its config map with it, as on a real cluster.
 */
final class GarbageCollector {

    /**
     * The objects of {@code all} whose every owner is missing from {@code all}. These are candidates only: lists
     * taken one after another can miss an owner created in between, so the caller confirms with {@link #gone}.
     */
    static List<HasMetadata> orphans(Collection<? extends HasMetadata> all) {
        Set<String> uids = all.stream().map(o -> o.getMetadata().getUid()).collect(Collectors.toSet());
        return all.stream().<HasMetadata>map(o -> o)
                .filter(o -> {
                    List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
                    return owners != null && !owners.isEmpty() && owners.stream().noneMatch(r -> uids.contains(r.getUid()));
                })
                .toList();
    }

    /** True if none of {@code object}'s owners exists now, asked afresh by kind, name and uid. */
    static boolean gone(HasMetadata object, java.util.function.Function<OwnerReference, String> currentUid) {
        return object.getMetadata().getOwnerReferences().stream()
                .noneMatch(owner -> owner.getUid().equals(currentUid.apply(owner)));
    }

    private GarbageCollector() {}
}
