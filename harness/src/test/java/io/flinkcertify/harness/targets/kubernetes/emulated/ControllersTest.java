package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replica counting (Deployment controller) and owner-reference garbage collection. */
class ControllersTest {

    private static final Deployment JOBMANAGER = new DeploymentBuilder()
            .withNewMetadata().withName("flink").withNamespace("ns").withUid("dep-uid").endMetadata()
            .withNewSpec().withReplicas(1).withNewTemplate().withNewMetadata().withLabels(Map.of("component", "jobmanager"))
            .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("flink").endContainer().endSpec()
            .endTemplate().endSpec().build();

    private static Pod pod(String name, boolean templateHash, String phase) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid")
                .withLabels(templateHash ? Map.of(DeploymentController.TEMPLATE_HASH, "h") : Map.of())
                .withOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName("flink").withUid("dep-uid").build())
                .endMetadata();
        if (phase != null) {
            b.withNewStatus().withPhase(phase).endStatus();
        }
        return b.build();
    }

    @Test
    void taskManagerPodsOwnedByTheDeploymentAreNotItsReplicas() {
        List<Pod> pods = List.of(pod("flink-h-abcde", true, "Running"), pod("flink-taskmanager-1-1", false, "Running"),
                pod("flink-taskmanager-1-2", false, "Running"));
        assertEquals(List.of("flink-h-abcde"), DeploymentController.replicas(JOBMANAGER, pods).stream()
                .map(p -> p.getMetadata().getName()).toList());
        assertEquals(0, DeploymentController.delta(JOBMANAGER, pods));
        assertEquals(List.of(), DeploymentController.surplus(JOBMANAGER, pods));
    }

    @Test
    void aDeletedOrFailedReplicaIsReplaced() {
        assertEquals(1, DeploymentController.delta(JOBMANAGER, List.of(pod("flink-taskmanager-1-1", false, "Running"))));
        assertEquals(1, DeploymentController.delta(JOBMANAGER, List.of(pod("flink-h-old", true, "Failed"))));
    }

    @Test
    void surplusReplicasAreScaledDown() {
        assertEquals(-1, DeploymentController.delta(JOBMANAGER, List.of(pod("a", true, "Running"), pod("b", true, null))));
        assertEquals(1, DeploymentController.surplus(JOBMANAGER, List.of(pod("a", true, "Running"), pod("b", true, null))).size());
    }

    @Test
    void aNewReplicaCarriesTheTemplateHashAndIsOwnedByItsDeployment() {
        Pod replica = DeploymentController.newReplica(JOBMANAGER);
        String hash = DeploymentController.templateHash(JOBMANAGER);
        assertEquals(hash, replica.getMetadata().getLabels().get(DeploymentController.TEMPLATE_HASH));
        assertEquals("jobmanager", replica.getMetadata().getLabels().get("component"));
        assertTrue(replica.getMetadata().getName().startsWith("flink-" + hash + "-"), replica.getMetadata().getName());
        assertTrue(DeploymentController.ownedBy(replica, "dep-uid"));
        assertEquals(1, DeploymentController.replicas(JOBMANAGER, List.of(replica)).size());
    }

    @Test
    void objectsWhoseOwnersAreGoneAreCollectedAndOthersKept() {
        HasMetadata service = new ServiceBuilder().withNewMetadata().withName("flink-rest").withNamespace("ns")
                .withUid("svc-uid").withOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment")
                        .withName("flink").withUid("dep-uid").build()).endMetadata().build();
        Pod unowned = new PodBuilder().withNewMetadata().withName("lonely").withNamespace("ns").withUid("l").endMetadata().build();
        assertEquals(List.of(), GarbageCollector.orphans(List.of(JOBMANAGER, service, unowned)));
        assertEquals(List.of(service), GarbageCollector.orphans(List.of(service, unowned)));
        assertTrue(GarbageCollector.gone(service, owner -> null));
        assertTrue(!GarbageCollector.gone(service, owner -> "dep-uid"));
        // a Deployment deleted and re-created under the same name is another owner
        assertTrue(GarbageCollector.gone(service, owner -> "another-uid"));
    }
}
