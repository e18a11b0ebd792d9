package io.flinkcertify.harness.metric;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static MetricSamples samples(String target, double... values) {
        return new MetricSamples("wordcount", target, "1.20.1", "ab12", "cf34",
                new Samples(Metric.THROUGHPUT_PER_CORE, java.util.Arrays.stream(values).boxed().toList()));
    }

    @Test
    void appendedRunsComeBackInOrderFromOneFilePerKey() {
        BaselineStore store = BaselineStore.open(dir, false);
        store.append(samples("yarn-mini", 10, 11, 12), "run-1", Instant.parse("2026-01-01T00:00:00Z"));
        Path file = store.append(samples("yarn-mini", 13, 14), "run-2", Instant.parse("2026-01-02T00:00:00Z"));
        store.append(samples("k8s-emulated", 20), "run-2", Instant.parse("2026-01-02T00:00:00Z"));

        assertEquals(dir.resolve("wordcount/yarn-mini/flink-1.20.1/throughput-per-core.json"), file);
        List<BaselineRun> history = store.history(samples("yarn-mini").key());
        assertEquals(List.of("run-1", "run-2"), history.stream().map(BaselineRun::runId).toList());
        assertEquals(List.of(13.0, 14.0), history.get(1).samples());
        assertEquals("ab12", history.get(0).jobJarSha256());
        assertEquals(2, store.list().size());
        assertTrue(store.history(samples("standalone").key()).isEmpty());
    }

    @Test
    void aCrossTargetNameBecomesASafeFileNameAndTheFileKeepsTheExactName() {
        BaselineStore store = BaselineStore.open(dir, false);
        Path file = store.append(samples("yarn-mini->k8s-emulated", 1), "r", Instant.EPOCH);
        assertEquals("yarn-mini-_k8s-emulated", file.getParent().getParent().getFileName().toString());
        assertEquals("yarn-mini->k8s-emulated", store.list().get(0).content().target());
    }

    @Test
    void aMissingDirectoryIsAnErrorUnlessThisRunRecords() {
        Path missing = dir.resolve("nope");
        BadBaseline e = assertThrows(BadBaseline.class, () -> BaselineStore.open(missing, false));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("fix:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        BaselineStore.open(missing, true);
        assertTrue(Files.isDirectory(missing));
    }

    @Test
    void aCorruptFileIsNamedNeverSkipped() throws IOException {
        BaselineStore store = BaselineStore.open(dir, false);
        Path file = store.fileOf(samples("yarn-mini").key());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schemaVersion\": 1, \"job\": ");
        BadBaseline read = assertThrows(BadBaseline.class, () -> store.history(samples("yarn-mini").key()));
        assertTrue(read.getMessage().startsWith("baseline " + file + ": "), read.getMessage());
        assertFalse(read.getMessage().contains("\n"), read.getMessage());
        assertThrows(BadBaseline.class, store::list);

        Files.writeString(file, "{\"schemaVersion\": 1, \"job\": \"wordcount\", \"target\": \"yarn-mini\", "
                + "\"flinkVersion\": \"1.20.1\", \"metric\": \"throughput-per-core\", \"unit\": \"x\", "
                + "\"direction\": \"HIGHER_IS_BETTER\", \"runs\": [{\"runId\": \"r\", \"time\": \"yesterday\", \"samples\": [1]}]}");
        BadBaseline badTime = assertThrows(BadBaseline.class, () -> store.history(samples("yarn-mini").key()));
        assertTrue(badTime.getMessage().contains("yesterday"), badTime.getMessage());
    }

    @Test
    void aFileMovedUnderAnotherKeyIsRefused() throws IOException {
        BaselineStore store = BaselineStore.open(dir, false);
        Path k8s = store.append(samples("k8s-emulated", 1), "r", Instant.EPOCH);
        Path yarn = store.fileOf(samples("yarn-mini").key());
        Files.createDirectories(yarn.getParent());
        Files.copy(k8s, yarn);
        BadBaseline e = assertThrows(BadBaseline.class, () -> store.history(samples("yarn-mini").key()));
        assertTrue(e.getMessage().contains("k8s-emulated"), e.getMessage());
    }

    @Test
    void whatTheStoreWritesIsValidAgainstThePublishedSchema() throws IOException {
        BaselineStore store = BaselineStore.open(dir, false);
        Path file = store.append(samples("yarn-mini", 10.5, 11), "run-1", Instant.parse("2026-01-01T00:00:00Z"));
        store.append(new MetricSamples("wordcount", "yarn-mini", "1.20.1", null, null,
                new Samples(Metric.THROUGHPUT_PER_CORE, List.of(12.0))), "run-2", Instant.EPOCH);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/flink-certify/baseline.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        }
        List<Error> errors = schema.validate(JSON.readTree(file.toFile()));
        assertTrue(errors.isEmpty(), errors.toString());

        // and the schema is not vacuous: a run without samples, or an unknown field, is refused
        assertFalse(schema.validate(JSON.readTree("{\"schemaVersion\": 1, \"job\": \"j\", \"target\": \"t\", "
                + "\"flinkVersion\": \"v\", \"metric\": \"m\", \"unit\": \"u\", \"direction\": \"HIGHER_IS_BETTER\", "
                + "\"runs\": [{\"runId\": \"r\", \"time\": \"2026-01-01T00:00:00Z\", \"samples\": []}]}")).isEmpty());
        assertFalse(schema.validate(JSON.readTree("{\"schemaVersion\": 1, \"job\": \"j\", \"target\": \"t\", "
                + "\"flinkVersion\": \"v\", \"metric\": \"m\", \"unit\": \"u\", \"direction\": \"HIGHER_IS_BETTER\", "
                + "\"runs\": [], \"extra\": 1}")).isEmpty());
    }
}
