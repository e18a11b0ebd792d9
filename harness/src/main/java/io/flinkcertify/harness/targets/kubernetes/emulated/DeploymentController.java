package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * The part of the Deployment and ReplicaSet controllers Flink relies on: a Deployment gets as many pods as it has
 * replicas, each labelled with the template's {@code pod-template-hash} and owned by the Deployment. Only pods
 * carrying that label count as replicas: Flink's TaskManager pods are also owned by the JobManager Deployment (for
 * garbage collection), and counting them would make the controller delete TaskManagers as surplus JobManagers.
 * (Pods are owned by the Deployment directly; the ReplicaSet level is left out because nothing in Flink reads it.)
 */
final class DeploymentController {

    static final String TEMPLATE_HASH = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** The pods that are replicas of {@code deployment}: owned by it, labelled with a template hash, not ended. */
    static List<Pod> replicas(Deployment deployment, List<Pod> pods) {
        String uid = deployment.getMetadata().getUid();
        return pods.stream()
                .filter(p -> ownedBy(p, uid))
                .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey(TEMPLATE_HASH))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> !PodStatuses.ended(p))
                .toList();
    }

    /** Pods to create (positive) or delete (negative) to reach the desired replica count. */
    static int delta(Deployment deployment, List<Pod> pods) {
        Integer desired = deployment.getSpec().getReplicas();
        return (desired == null ? 1 : desired) - replicas(deployment, pods).size();
    }

    /** A new replica of {@code deployment}, named and labelled as the ReplicaSet controller would. */
    static Pod newReplica(Deployment deployment) {
        String hash = templateHash(deployment);
        Map<String, String> templateLabels = deployment.getSpec().getTemplate().getMetadata() == null ? null
                : deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> labels = new HashMap<>(templateLabels == null ? Map.of() : templateLabels);
        labels.put(TEMPLATE_HASH, hash);
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(deployment.getMetadata().getName() + "-" + hash + "-" + suffix())
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(deployment.getSpec().getTemplate().getMetadata() == null ? null
                        : deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .withOwnerReferences(owner)
                .endMetadata()
                .withSpec(deployment.getSpec().getTemplate().getSpec())
                .build();
    }

    /** The surplus replicas to delete, newest first, as the ReplicaSet controller scales down. */
    static List<Pod> surplus(Deployment deployment, List<Pod> pods) {
        int excess = -delta(deployment, pods);
        return excess <= 0 ? List.of() : replicas(deployment, pods).stream()
                .sorted(Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp())).reversed())
                .limit(excess).toList();
    }

    static String templateHash(Deployment deployment) {
        CRC32 crc = new CRC32();
        crc.update(Serialization.asJson(deployment.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue(), 36);
    }

    static boolean ownedBy(HasMetadata object, String ownerUid) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> ownerUid.equals(o.getUid()));
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private DeploymentController() {}
}
