package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckComponentsTest {

    @ParameterizedTest
    @CsvSource({
            "integration, yarn-mini, exactly-once, CORRECTNESS",
            "fault, yarn-mini, exactly-once, CORRECTNESS",
            "integration, k8s-emulated, window-results, CORRECTNESS",
            "fault, yarn-mini, lint:kafka-transactions, CONFIGURATION",
            "integration, yarn-mini->k8s-emulated, equivalent-output, CORRECTNESS",
            "integration, k8s-emulated->yarn-mini, savepoint-portability, MIGRATION",
            "fault, yarn-mini, ab:high-availability.zookeeper.client.tolerate-suspended-connections, CONFIGURATION",
            "fault, yarn-mini, freeze, RECOVERY",
            "fault, k8s-emulated, api-server-outage, RECOVERY",
            "integration, yarn-mini, taskmanager-loss, RECOVERY",
            "fault, yarn-mini, first-checkpoint, STABILITY",
            "integration, yarn-mini, availability, STABILITY",
            "integration, yarn-mini, finish, STABILITY",
            "integration, yarn-mini, something-new, STABILITY",
            "performance, k8s-emulated, vs-yarn-mini, PERFORMANCE",
            "performance, k8s-emulated, recovery, RECOVERY",
            "performance, k8s-emulated, throughput, STABILITY",
            "performance, k8s-emulated, capacity, PERFORMANCE",
            "performance, k8s-emulated, jobmanager-failover, RECOVERY",
    })
    void eachCheckCountsTowardsOneComponent(String suite, String target, String name, Component expected) {
        assertEquals(expected, CheckComponents.of(new CheckResult("j", suite, target, name, CheckStatus.PASSED, null,
                Map.of(), null, null, 1, null)));
    }
}
