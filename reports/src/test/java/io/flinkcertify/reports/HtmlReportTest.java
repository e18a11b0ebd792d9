package io.flinkcertify.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkcertify.reports.html.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    static Path generate(Path out, Instant at) {
        return new ReportGenerator(Clock.fixed(at, ZoneOffset.UTC)).generate(out);
    }

    static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void plotsEveryDeploymentWithItsPollsAndFaultWindows(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        String html = Files.readString(generate(out, Instant.parse("2026-12-01T15:00:00Z")));

        List<JsonNode> deployments = SampleRun.deployments(out);
        long plotted = deployments.stream().filter(r -> SampleRun.events(r, "polled") >= 2).count();
        long polls = deployments.stream().mapToLong(r -> Math.max(0, SampleRun.events(r, "polled") - 1)).sum();
        long faults = deployments.stream().mapToLong(r -> SampleRun.events(r, "fault-injected")).sum();
        assertTrue(faults > 0, "the fixture has faults");
        assertEquals(plotted, count(html, "<svg class=\"chart timeline\""));
        assertEquals(polls, count(html, "class=\"pt rate\""), "one rate point per poll after the first");
        assertEquals(polls, count(html, "class=\"pt ck\""));
        assertEquals(faults, count(html, "class=\"fault-window\""));
        assertTrue(html.contains("data-kind=\"taskmanager-kill\""));
        assertTrue(count(html, "<g class=\"recovery\"") > 0, "recoveries annotated");
        assertTrue(html.length() < 2_000_000, "under 2 MB: " + html.length());
    }

    @Test
    void jobsTableCountsChecksWhenNoJobIsScored(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        String html = Files.readString(generate(out, Instant.EPOCH));
        JsonNode verdict = SampleRun.JSON.readTree(out.resolve("verdict.json").toFile());
        for (JsonNode job : verdict.get("jobs")) {
            assertTrue(html.contains("<tr class=\"job\" data-job=\"" + job.get("id").asText() + "\">"));
        }
        assertTrue(html.contains("<th>Passed</th><th>Failed</th><th>Skipped</th>"));
        assertFalse(html.contains("<th>Score</th>"));
        for (String absent : List.of("id=\"trends\"", "class=\"diagnosis\"", "class=\"recommendation\"",
                "class=\"comparisons\"")) {
            assertFalse(html.contains(absent), absent + " has no data and no section");
        }
        assertTrue(html.contains("Launch: submit to RUNNING"), "launch side by side from the deployments");
        assertTrue(html.contains("<table class=\"lint\">"), "the fixture's config lint");
    }

    @Test
    void optionalSectionsRenderWhenPresent(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        SampleRun.addOptionalSections(out);
        String html = Files.readString(generate(out, Instant.EPOCH));
        JsonNode verdict = SampleRun.JSON.readTree(out.resolve("verdict.json").toFile());

        assertTrue(html.contains("<th>Score</th><th>Advice</th>"));
        for (JsonNode job : verdict.get("jobs")) {
            assertTrue(html.contains("<span class=\"advice a-" + job.get("advice").asText() + "\">"));
            assertTrue(html.contains(io.flinkcertify.reports.html.Html.escape(job.get("reasons").get(0).asText())),
                    "worst finding = first reason");
        }
        int trendPoints = 0;
        int changePoints = 0;
        for (JsonNode t : verdict.get("baselines")) {
            trendPoints += t.get("history").size();
            changePoints += t.get("changePoints").size();
        }
        assertEquals(trendPoints, count(html, "class=\"pt trend\""));
        assertEquals(changePoints, count(html, "<g class=\"change-point\""));
        assertEquals(verdict.get("diagnoses").size(), count(html, "<div class=\"diagnosis\">"));
        assertEquals(verdict.get("recommendations").size(), count(html, "<div class=\"recommendation\">"));
        assertEquals(verdict.get("comparisons").size(), count(html, "<tr class=\"comparison\">"));
        for (JsonNode p : verdict.get("performance")) {
            assertTrue(html.contains("<figcaption>" + p.get("metric").asText() + "</figcaption>"));
        }
    }

    @Test
    void theSideBySideFiguresComeFromTheComparisonChecksEvidenceAsTheRunWritesIt(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        com.fasterxml.jackson.databind.node.ObjectNode verdict =
                (com.fasterxml.jackson.databind.node.ObjectNode) SampleRun.JSON.readTree(out.resolve("verdict.json").toFile());
        // a verdict.json as bin/certify writes it: no top-level performance keys, the figures in the check's evidence
        verdict.remove(List.of("performance", "comparisons", "recommendations"));
        com.fasterxml.jackson.databind.node.ArrayNode checks = (com.fasterxml.jackson.databind.node.ArrayNode) verdict.get("jobs").get(0).get("checks");
        checks.add(SampleRun.JSON.readTree("""
                {"suite": "performance", "target": "k8s-emulated", "name": "vs-yarn-mini", "status": "PASSED",
                 "durationMs": 1,
                 "evidence": {"baseline": "yarn-mini", "target": "k8s-emulated", "recommendation": "kubernetes.taskmanager.cpu.amount: 0.75",
                   "metrics": [{"name": "capacity-records-per-second", "unit": "records/s", "direction": "HIGHER_IS_BETTER",
                                "baselineTrials": {"n": 1, "median": 20000, "min": 20000, "max": 25000, "samples": [20000]},
                                "targetTrials": {"n": 1, "median": 16000, "min": 16000, "max": 20000, "samples": [16000]},
                                "ratio": 0.8, "low": 0.64, "high": 1.0, "threshold": 0.9, "outcome": "NOISE"}]}}
                """));
        SampleRun.JSON.writeValue(out.resolve("verdict.json").toFile(), verdict);
        String html = Files.readString(generate(out, Instant.EPOCH));

        assertEquals(1, count(html, "<tr class=\"comparison\">"), "one ratio row for the one compared metric");
        assertTrue(html.contains("k8s-emulated / yarn-mini: capacity-records-per-second"), "the comparison names both sides");
        assertTrue(html.contains("NOISE"));
        assertTrue(html.contains("kubernetes.taskmanager.cpu.amount: 0.75"), "the recommendation snippet is shown");
    }

    @Test
    void everyRelativeLinkPointsAtAFileOfTheRun(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        Files.createDirectories(out.resolve("junit"));
        Files.createDirectories(out.resolve("allure-results"));
        String html = Files.readString(generate(out, Instant.EPOCH));
        Matcher m = Pattern.compile("href=\"([^\"#]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            links++;
            assertTrue(Files.exists(out.resolve(m.group(1))), "link to " + m.group(1));
        }
        assertTrue(links > 10);
        assertTrue(html.contains("href=\"runs/keyed-sequence-unbounded/yarn-mini/record.json\""));
    }

    @Test
    void regeneratingGivesTheSamePageApartFromTheGenerationLine(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        String first = Files.readString(generate(out, Instant.parse("2026-12-01T15:00:00Z")));
        String second = Files.readString(generate(out, Instant.parse("2026-12-02T09:30:00Z")));
        assertNotEquals(first, second, "the generation time is on the page");
        List<String> a = first.lines().toList();
        List<String> b = second.lines().toList();
        assertEquals(a.size(), b.size());
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing++;
                assertTrue(a.get(i).startsWith(HtmlReport.GENERATED_PREFIX), a.get(i));
            }
        }
        assertEquals(1, differing);
    }

    @Test
    void secretShapedTextIsMaskedOnThePage(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        com.fasterxml.jackson.databind.node.ObjectNode verdict =
                (com.fasterxml.jackson.databind.node.ObjectNode) SampleRun.JSON.readTree(out.resolve("verdict.json").toFile());
        String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl";
        ((com.fasterxml.jackson.databind.node.ObjectNode) verdict.get("jobs").get(0).get("checks").get(0))
                .put("reason", "the API server refused token " + token);
        SampleRun.JSON.writeValue(out.resolve("verdict.json").toFile(), verdict);
        String html = Files.readString(generate(out, Instant.EPOCH));
        assertTrue(html.contains("the API server refused token"), "the reason is on the page");
        assertFalse(html.contains(token), "but not the token");
    }

    @Test
    void aMissingVerdictNamesTheFile(@TempDir Path out) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.flinkcertify.reports.input.ReportInputException.class,
                () -> new ReportGenerator().generate(out));
        assertTrue(e.getMessage().contains("verdict.json"), e.getMessage());
    }

    @Test
    void listsWhatEachJobsYarnSettingsBecameAndWhatHasNoCounterpart(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        com.fasterxml.jackson.databind.node.ObjectNode verdict =
                (com.fasterxml.jackson.databind.node.ObjectNode) SampleRun.JSON.readTree(out.resolve("verdict.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode job = (com.fasterxml.jackson.databind.node.ObjectNode) verdict.get("jobs").get(0);
        com.fasterxml.jackson.databind.node.ObjectNode check = ((com.fasterxml.jackson.databind.node.ArrayNode) job.get("checks"))
                .addObject().put("suite", "integration").put("target", "settings").put("name", "settings:yarn-to-kubernetes")
                .put("status", "PASSED");
        check.putObject("evidence").put("file", "kubernetes-config/" + job.get("id").asText() + ".yaml")
                .putArray("findings").add("yarn.ship-files: put the files in the image").add("yarn.tags: YARN-only");
        SampleRun.JSON.writeValue(out.resolve("verdict.json").toFile(), verdict);

        String html = Files.readString(generate(out, Instant.EPOCH));

        assertTrue(html.contains("<h3>YARN settings on Kubernetes</h3>"), "the section");
        assertTrue(html.contains("href=\"kubernetes-config/" + job.get("id").asText() + ".yaml\""), "links the derived config");
        assertTrue(html.contains("<li>yarn.ship-files: put the files in the image</li>")
                && html.contains("<li>yarn.tags: YARN-only</li>"), "every setting without a counterpart");
    }
}
