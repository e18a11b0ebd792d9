package io.flinkcertify.performance;

import io.flinkcertify.harness.oracle.EquivalentOutputOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks must time the oracles' passing path on their generated input, and their fixtures must load. */
class BenchmarkInputTest {

    @Test
    void generatedOutputPassesBothOraclesAndADamagedCopyDoesNot(@TempDir Path dir) throws Exception {
        long records = 10_007;
        Path left = KeyedSequenceOutput.write(dir.resolve("left"), records, false);
        Path right = KeyedSequenceOutput.write(dir.resolve("right"), records, true);
        ExactlyOnceOracle.Expectation expectation = new ExactlyOnceOracle.Expectation(
                OptionalLong.of(KeyedSequenceOutput.KEYS), OptionalLong.of(records));

        assertTrue(new ExactlyOnceOracle().judge(left, expectation).passed());
        assertTrue(new EquivalentOutputOracle().judge("yarn", left, "k8s", right).passed());

        Path part = right.resolve("part-bench-0");
        Files.writeString(part, Files.readString(part).replaceFirst("\n[^\n]*\n", "\n"));
        assertFalse(new ExactlyOnceOracle().judge(right, expectation).passed());
        assertFalse(new EquivalentOutputOracle().judge("yarn", left, "k8s", right).passed());
    }

    @Test
    void serializationFixturesLoad() throws Exception {
        SerializationBenchmark b = new SerializationBenchmark();
        b.load();
        try {
            assertTrue(b.writeRecord().contains("\"schemaVersion\""));
            assertTrue(b.writeVerdict().contains("\"verdict\""));
            assertFalse(b.readRecord().runs().isEmpty());
        } finally {
            b.delete();
        }
    }
}
