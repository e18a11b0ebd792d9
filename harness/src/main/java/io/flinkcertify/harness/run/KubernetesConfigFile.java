package io.flinkcertify.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.flinkcertify.harness.evidence.CarriedSettings;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.workload.Workload;
import io.flinkcertify.harness.workload.YarnToKubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a job's Kubernetes configuration, derived from its production YARN settings, as a Flink
 * {@code config.yaml} fragment under {@code OUT/kubernetes-config/<job>.yaml}, ready to merge into the job's
 * deployment. Credentials are never written: their keys stay, with a placeholder to fill from a secret store.
 */
public final class KubernetesConfigFile {

    public static final String FOLDER = "kubernetes-config";
    static final String SECRET_PLACEHOLDER = "<from your secret store>";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private KubernetesConfigFile() {}

    public static Judgement write(Path out, Workload job) throws IOException {
        YarnToKubernetes mapped = YarnToKubernetes.map(job.yarnConfig());
        Map<String, String> production = new LinkedHashMap<>();
        mapped.production().forEach((k, v) -> production.put(k, Redaction.isSensitiveKey(k) ? SECRET_PLACEHOLDER : v));
        Path file = out.resolve(FOLDER).resolve(job.id() + ".yaml");
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder()
                .append("# ").append(job.id()).append(": Kubernetes settings derived from its production YARN settings\n")
                .append("# (mapping: README, YARN settings on Kubernetes). Merge into the job's config.yaml.\n");
        List<YarnToKubernetes.Setting> findings = mapped.findings();
        for (YarnToKubernetes.Setting s : findings) {
            text.append("# no counterpart: ").append(s.yarnKey()).append(" -- ").append(s.note()).append('\n');
        }
        text.append(production.isEmpty() ? "{}\n" : YAML.writeValueAsString(production));
        Files.writeString(file, Redaction.apply(text.toString()), StandardCharsets.UTF_8);
        return Judgement.pass(new CarriedSettings(mapped.settings(),
                findings.stream().map(s -> s.yarnKey() + ": " + s.note()).toList(), out.relativize(file).toString()));
    }
}
