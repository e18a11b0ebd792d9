package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateCommandTest extends CliTest {

    @Test
    void tabulatesTheBatchOverRunnersFromTheRunsPerJobCost(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("verdict.json"), """
                {"batch": "b", "verdict": "PASS", "jobs": [
                  {"id": "a", "checks": [{"name": "deploy", "durationMs": 100000}, {"name": "finish", "durationMs": 200000}]},
                  {"id": "b", "checks": [{"name": "deploy", "durationMs": 600000}]}]}
                """);
        assertEquals(ExitCodes.PASS, run("estimate", out.toString(), "--jobs", "10", "--runners", "1,2",
                "--runner-setup-s", "0", "--merge-s", "0"));
        String text = out.toString() + "\n" + this.out;
        assertTrue(text.contains("a 300 s, b 600 s"), text);
        // one runner: five jobs like a, five like b, one after another
        assertTrue(text.contains("      1 |          1.3 h |"), text);
    }

    @Test
    void anOutWithoutAVerdictIsBadInputNamingIt(@TempDir Path out) {
        assertEquals(ExitCodes.BAD_INPUT, run("estimate", out.toString()));
        assertTrue(err.toString().contains("OUT"), err.toString());
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("estimate", out.toString(), "--runners", "0"));
        assertTrue(err.toString().contains("--runners"), err.toString());
    }
}
