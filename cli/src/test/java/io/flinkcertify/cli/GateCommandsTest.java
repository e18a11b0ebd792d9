package io.flinkcertify.cli;

import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.Metric;
import io.flinkcertify.harness.metric.MetricSamples;
import io.flinkcertify.harness.metric.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/certify calibrate} and {@code bin/certify baseline DIR}: they start nothing and print their figures. */
class GateCommandsTest extends CliTest {

    @TempDir
    Path dir;


    @Test
    void calibratePrintsDetectionAndFalseAlarmsForBothHistories() {
        int code = run("calibrate", "--trials", "5", "--cv", "0.05", "--seed", "3", "--simulations", "40");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(code == ExitCodes.PASS || code == ExitCodes.VERDICT_FAIL, "exit " + code + ": " + err);
        assertTrue(text.contains("short history: trials  5") && text.contains("long history:"), text);
        assertTrue(text.contains("detection of a 10 % drop") && text.contains("false alarms"), text);
    }

    @Test
    void calibrateHelpFormatsItsExitCodesWithoutAWarning() {
        // picocli's tracer warns on System.err when a help text is not a valid format string (an unescaped %)
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCodes.PASS, run("calibrate", "--help"));
        } finally {
            System.setErr(before);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("Could not format"), warnings.toString(StandardCharsets.UTF_8));
        assertTrue(help.contains("the goal (>= 95 % detection, <= 5 % false alarms) is met at --trials"), help);
    }

    @Test
    void calibrateRefusesANoiseThatIsNotAFraction() {
        assertEquals(ExitCodes.BAD_INPUT, run("calibrate", "--cv", "5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--cv"), err.toString());
    }

    @Test
    void baselineListsEveryFileAndShowsItsRuns() {
        BaselineStore store = BaselineStore.open(dir, false);
        store.append(new MetricSamples("wordcount", "yarn-mini", "1.20.1", "0123456789abcdef0123", "cfg",
                new Samples(Metric.LAUNCH_MS, List.of(1200.0, 1300.0, 1250.0))), "run-7", Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(ExitCodes.PASS, run("baseline", dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("wordcount @ yarn-mini, Flink 1.20.1, launch-ms"), text);
        assertTrue(text.contains("run-7") && text.contains("median 1250") && text.contains("jar 0123456789ab "), text);
        assertTrue(text.contains("baseline: 1 file(s)"), text);
    }

    @Test
    void baselineOfAMissingOrCorruptDirectoryIsBadInputNamingIt() throws Exception {
        assertEquals(ExitCodes.BAD_INPUT, run("baseline", dir.resolve("none").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("none"), err.toString());
        Path bad = Files.createDirectories(dir.resolve("b/j/t/flink-1")).resolve("capacity.json");
        Files.writeString(bad, "[]");
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("baseline", dir.resolve("b").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("capacity.json"), err.toString());
    }
}
