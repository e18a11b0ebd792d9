package io.flinkcertify.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline templates under {@code ci/} parse with a real YAML parser and carry what each system needs to run
 * them, and each publishes report.html.
 */
class CiTemplatesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path ci(String file) {
        return Path.of(System.getProperty("repo.root", "..")).resolve("ci").resolve(file);
    }

    @Test
    void githubActionsShardsCoverTheMatrixAndTheMergeReadsEveryShardsUpload() throws Exception {
        JsonNode jobs = YAML.readTree(ci("github-actions.yml").toFile()).get("jobs");
        JsonNode certify = jobs.get("certify");
        JsonNode shards = certify.path("strategy").path("matrix").path("shard");
        assertTrue(shards.isArray() && shards.size() > 1, "a matrix of shards");
        String run = null;
        String uploaded = null;
        for (JsonNode step : certify.get("steps")) {
            if (step.path("run").asText().contains("--shard")) {
                run = step.path("run").asText();
            }
            if (step.path("uses").asText().startsWith("actions/upload-artifact")) {
                uploaded = step.path("with").path("name").asText();
            }
        }
        assertTrue(run != null && run.contains("--shard ${{ matrix.shard }}/" + shards.size()),
                "--shard I/N with N the matrix size: " + run);
        for (int i = 0; i < shards.size(); i++) {
            assertTrue(shards.get(i).asInt() == i + 1, "shards 1..N: " + shards);
        }
        JsonNode merge = jobs.get("merge");
        assertTrue(merge.path("needs").asText().equals("certify") && merge.path("if").asText().contains("always()"),
                "the merge waits for every shard and runs when one fails");
        String pattern = null;
        String merged = null;
        for (JsonNode step : merge.get("steps")) {
            if (step.path("uses").asText().startsWith("actions/download-artifact")) {
                pattern = step.path("with").path("pattern").asText();
            }
            if (step.path("run").asText().startsWith("bin/certify merge")) {
                merged = step.path("run").asText();
            }
        }
        assertTrue(uploaded != null && pattern != null
                && uploaded.replace("${{ matrix.shard }}", "1").matches(pattern.replace("*", ".*")),
                "the merge downloads what the shards upload: " + uploaded + " vs " + pattern);
        assertTrue(merged != null && merged.contains("--out"), "bin/certify merge --out DIR: " + merged);
    }

    @Test
    void githubActionsWorkflowHasTriggersRunnersStepsAndUploadsTheReport() throws Exception {
        JsonNode workflow = YAML.readTree(ci("github-actions.yml").toFile());
        // YAML 1.1 readers may turn the key "on" into a boolean: Jackson keeps it as the text "on"
        assertTrue(workflow.has("on"), "a trigger");
        JsonNode jobs = workflow.get("jobs");
        assertTrue(jobs != null && jobs.size() > 0, "jobs");
        boolean uploadsReport = false;
        for (JsonNode job : (Iterable<JsonNode>) jobs::elements) {
            assertTrue(job.hasNonNull("runs-on"), "runs-on");
            assertTrue(job.get("steps").isArray() && job.get("steps").size() > 0, "steps");
            for (JsonNode step : job.get("steps")) {
                assertTrue(step.has("uses") ^ step.has("run"), "a step either uses an action or runs a command: " + step);
                if (step.path("uses").asText().startsWith("actions/upload-artifact")
                        && step.path("with").path("path").asText().endsWith("report.html")) {
                    uploadsReport = true;
                    assertTrue(step.path("if").asText().contains("always()"), "uploaded when the verdict fails too");
                }
            }
        }
        assertTrue(uploadsReport, "report.html is published");
        JsonNode steps = jobs.elements().next().get("steps");
        String cached = null;
        String baselineFlag = null;
        for (JsonNode step : steps) {
            if (step.path("uses").asText().startsWith("actions/cache")) {
                cached = step.path("with").path("path").asText();
            }
            if (step.path("run").asText().contains("--baseline")) {
                baselineFlag = step.path("run").asText().replaceAll(".*--baseline\\s+(\\S+).*", "$1");
            }
        }
        assertTrue(cached != null && cached.equals(baselineFlag), "the cached path is the --baseline directory: "
                + cached + " vs " + baselineFlag);
    }

    @Test
    void gitlabJobHasAScriptAndPublishesTheReport() throws Exception {
        JsonNode pipeline = YAML.readTree(ci("gitlab-ci.yml").toFile());
        List<JsonNode> jobs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) pipeline::fields) {
            // hidden jobs (".name") and global keywords are not jobs
            if (!e.getKey().startsWith(".") && e.getValue().isObject() && e.getValue().has("script")) {
                jobs.add(e.getValue());
            }
        }
        assertFalse(jobs.isEmpty(), "a job with a script");
        boolean published = false;
        for (JsonNode job : jobs) {
            assertTrue(job.get("script").isArray() && job.get("script").size() > 0);
            JsonNode artifacts = job.path("artifacts");
            for (JsonNode path : artifacts.path("paths")) {
                published |= path.asText().endsWith("report.html");
            }
            if (published) {
                assertTrue("always".equals(artifacts.path("when").asText()), "artifacts kept when the verdict fails");
                assertTrue(artifacts.path("reports").path("junit").isTextual(), "JUnit XML reported");
            }
        }
        assertTrue(published, "report.html in artifacts:paths");
        JsonNode job = jobs.get(0);
        assertTrue(job.path("cache").path("paths").toString().contains("certify-baseline")
                && job.get("script").toString().contains("--baseline certify-baseline"), "the baseline is cached between pipelines");
    }

    @Test
    void jenkinsfileIsADeclarativePipelineThatArchivesTheReport() throws Exception {
        String jenkinsfile = Files.readString(ci("Jenkinsfile"));
        String code = jenkinsfile.replaceAll("(?m)//.*$", "");
        assertTrue(code.matches("(?s)\\s*pipeline\\s*\\{.*"), "a declarative pipeline");
        assertTrue(code.matches("(?s).*stages\\s*\\{\\s*stage\\(.*"), "stages with a stage");
        assertTrue(code.matches("(?s).*archiveArtifacts[^\\n]*report\\.html.*"), "report.html archived");
        long open = code.chars().filter(c -> c == '{').count();
        long close = code.chars().filter(c -> c == '}').count();
        assertTrue(open == close, "balanced braces");
    }

    @Test
    void gitlabShardsRunInParallelAndTheMergeReadsEveryShardsArtifacts() throws Exception {
        JsonNode pipeline = YAML.readTree(ci("gitlab-ci.yml").toFile());
        JsonNode certify = pipeline.get("certify-batch");
        int shards = certify.path("parallel").asInt();
        assertTrue(shards > 1, "parallel: N shards");
        String run = certify.get("script").get(0).asText();
        assertTrue(run.contains("--shard $CI_NODE_INDEX/$CI_NODE_TOTAL") && run.contains("--out certify-out-$CI_NODE_INDEX"),
                "each parallel job is one shard with its own output: " + run);
        assertTrue(certify.path("artifacts").path("paths").get(0).asText().startsWith("certify-out-$CI_NODE_INDEX"),
                "each shard's output is its artifact");
        assertTrue(certify.path("cache").path("key").asText().contains("$CI_NODE_INDEX"), "a baseline cache per shard");
        JsonNode merge = pipeline.get("certify-merge");
        assertTrue("always".equals(merge.path("when").asText()), "the merge runs when a shard fails");
        assertTrue(merge.path("needs").get(0).path("job").asText().equals("certify-batch")
                && merge.path("needs").get(0).path("artifacts").asBoolean(), "the merge receives the shards' artifacts");
        String merged = merge.get("script").get(0).asText();
        assertTrue(merged.startsWith("bin/certify merge --out certify-out ") && "certify-out-1".matches(
                merged.replaceAll(".* ", "").replace("*", ".*")), "merges every shard's folder: " + merged);
        List<String> stages = new ArrayList<>();
        pipeline.get("stages").forEach(n -> stages.add(n.asText()));
        assertTrue(stages.indexOf(certify.path("stage").asText()) < stages.indexOf(merge.path("stage").asText()),
                "the merge's stage comes after the shards'");
    }

    @Test
    void jenkinsShardsAreAMatrixAndTheMergeUnstashesEachOfThem() throws Exception {
        String code = Files.readString(ci("Jenkinsfile")).replaceAll("(?m)//.*$", "");
        java.util.regex.Matcher values = java.util.regex.Pattern.compile("name 'SHARD'; values ([^}]*)}").matcher(code);
        assertTrue(values.find(), "a SHARD axis");
        int shards = values.group(1).split(",").length;
        assertTrue(shards > 1);
        assertTrue(code.contains("--shard ${SHARD}/" + shards + " --out certify-out-${SHARD}"), "--shard I/N, N the axis size");
        StringBuilder outs = new StringBuilder();
        for (int i = 1; i <= shards; i++) {
            outs.append(" certify-out-").append(i);
        }
        assertTrue(code.contains("bin/certify merge --out certify-out" + outs), "the merge reads every shard: " + outs);
        assertTrue(code.contains("stash name: \"shard-${SHARD}\"") && code.contains("unstash \"shard-${it}\""),
                "each shard's output travels to the merge");
    }

    @Test
    void kubernetesIndexedJobMapsTheCompletionIndexToAShardAndTheMergeReadsEveryShard() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser parser = YAML.getFactory().createParser(ci("kubernetes-indexed-job.yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        JsonNode shards = docs.get(0).get("spec");
        assertTrue("Indexed".equals(shards.path("completionMode").asText()), "an Indexed Job");
        int n = shards.path("completions").asInt();
        assertTrue(n > 1 && shards.path("parallelism").asInt() == n, "N pods at once, one per shard");
        String run = shards.path("template").path("spec").path("containers").get(0).path("args").get(0).asText();
        assertTrue(run.contains("--shard $((JOB_COMPLETION_INDEX + 1))/" + n) && run.contains("--targets kubeconfig"),
                "the 0-based completion index becomes shard i+1 of N, against the cluster: " + run);
        String merge = docs.get(1).path("spec").path("template").path("spec").path("containers").get(0).path("args")
                .get(0).asText();
        for (int i = 1; i <= n; i++) {
            assertTrue(merge.contains("/results/certify-out-" + i), "the merge reads shard " + i + ": " + merge);
        }
        assertTrue(run.contains("--out /results/certify-out-$((JOB_COMPLETION_INDEX + 1))"), "each shard its own OUT");
    }
}
