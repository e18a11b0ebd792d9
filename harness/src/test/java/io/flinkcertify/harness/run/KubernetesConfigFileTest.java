package io.flinkcertify.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkcertify.harness.evidence.CarriedSettings;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.workload.Normalisation;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesConfigFileTest {

    @TempDir
    Path out;

    @Test
    void writesAReadyFragmentWithFindingsAndNeverACredential() throws Exception {
        Map<String, String> yarn = new LinkedHashMap<>();
        yarn.put("yarn.containers.vcores", "2");
        yarn.put("yarn.application.queue", "etl");
        yarn.put("yarn.ship-files", "conf/lookup.csv");
        yarn.put("s3.secret-key", "hunter2-very-secret");
        Redaction.registerSensitiveValues(yarn);
        Workload job = new Workload("payments", Path.of("j.jar"), "Main", List.of(), 1, Map.of(),
                Set.of(OracleKind.AVAILABILITY), false, Duration.ofSeconds(5), DeploymentMode.APPLICATION, null,
                Normalisation.NONE, yarn);

        Judgement j = KubernetesConfigFile.write(out, job);

        CarriedSettings carried = j.evidence(CarriedSettings.class);
        assertEquals("kubernetes-config/payments.yaml", carried.file());
        assertEquals(1, carried.findings().size(), carried.findings().toString());
        String text = Files.readString(out.resolve(carried.file()));
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("# no counterpart: yarn.ship-files"), text);
        Map<?, ?> parsed = new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
        assertEquals("2", String.valueOf(parsed.get("kubernetes.taskmanager.cpu")));
        assertEquals("etl", parsed.get("kubernetes.namespace"));
        assertEquals(KubernetesConfigFile.SECRET_PLACEHOLDER, parsed.get("s3.secret-key"));
        assertFalse(parsed.containsKey("yarn.ship-files"));
    }
}
