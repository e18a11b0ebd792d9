package io.flinkcertify.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkcertify.reports.allure.AllureExtras;
import io.flinkcertify.reports.input.RunFiles;
import io.flinkcertify.reports.input.VerdictFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllureExtrasTest {

    @Test
    void categoriesSortEnvironmentBeforeProductDefectsAndSkipsAsNotApplicable(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        AllureExtras.write(out.resolve("allure-results"), RunFiles.readVerdict(out));
        JsonNode categories = SampleRun.JSON.readTree(out.resolve("allure-results/categories.json").toFile());
        assertEquals(3, categories.size());
        assertEquals("Environment", categories.get(0).get("name").asText());
        Pattern environment = Pattern.compile(categories.get(0).get("messageRegex").asText());
        // the message CheckRunner gives a check that failed because a target could not start
        assertTrue(environment.matcher("environment error: fault/yarn-mini/job/deploy: YARN did not start").matches());
        assertTrue(!environment.matcher("fault/yarn-mini/job/deploy: not RUNNING within 120 s").matches());
        assertEquals("Product defect", categories.get(1).get("name").asText());
        assertEquals("skipped", categories.get(2).get("matchedStatuses").get(0).asText());
    }

    @Test
    void environmentNamesTheRunsFacts(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        VerdictFile verdict = RunFiles.readVerdict(out);
        AllureExtras.write(out.resolve("allure-results"), verdict);
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(out.resolve("allure-results/environment.properties"))));
        assertEquals(verdict.flinkVersion(), p.getProperty("Flink.version"));
        assertEquals(String.valueOf(verdict.seed()), p.getProperty("Seed"));
        assertEquals(verdict.runId(), p.getProperty("Run.id"));
        assertEquals(verdict.batch(), p.getProperty("Batch"));
        assertEquals("k8s-emulated, yarn-mini", p.getProperty("Targets"));
    }
}
