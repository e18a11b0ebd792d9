package io.flinkcertify.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a generated report in headless Chromium: the page's own check (#render-check, filled on load) must see
 * charts whose points have a size on screen, fault windows, and no script or console error. Leaves a screenshot at
 * {@code target/browser-test/out/report-screenshot.png}.
 */
class BrowserTest {

    @Test
    void theReportRendersItsPlotsWithoutErrors() throws Exception {
        Path work = Path.of("target", "browser-test").toAbsolutePath();
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(work);
        assumeTrue(chromium.isPresent(), "chromium is not installed (scripts/setup installs it): no browser to test in");
        deleteRecursively(work);
        Path out = Files.createDirectories(work.resolve("out"));
        SampleRun.copyTo(out);
        SampleRun.addOptionalSections(out);
        Path report = HtmlReportTest.generate(out, Instant.parse("2026-12-01T15:00:00Z"));

        String dom = chromium.get().dumpDom(report);
        Matcher m = Pattern.compile("<pre id=\"render-check\"[^>]*>([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the page's render check is in the DOM");
        JsonNode check = SampleRun.JSON.readTree(m.group(1).replace("&quot;", "\""));

        String html = Files.readString(report);
        int svgPoints = HtmlReportTest.count(html, "class=\"pt ") + HtmlReportTest.count(html, "class=\"bar pt\"");
        assertEquals(0, check.get("errors").size(), "console errors: " + check.get("errors"));
        assertTrue(check.get("timelines").asInt() > 0, check.toString());
        assertEquals(0, check.get("emptyCharts").asInt(), "every chart drew points: " + check);
        assertEquals(svgPoints, check.get("points").asInt(), check.toString());
        assertEquals(svgPoints, check.get("renderedPoints").asInt(), "every point has a size on screen: " + check);
        assertTrue(check.get("faultWindows").asInt() > 0, check.toString());

        // beside the report it shows, in the test's OUT under target/
        Path png = out.resolve("report-screenshot.png");
        chromium.get().screenshot(report, png);
        assertTrue(Files.size(png) > 10_000, "a screenshot with something on it: " + png);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
