package io.flinkcertify.harness.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlinkConfigTest {

    @Test
    void toYamlSingleQuotesValuesAndDoublesEmbeddedQuotes() {
        FlinkConfig config = FlinkConfig.empty()
                .with("rest.port", 8081)
                .with("env.java.opts.all", "-Dname='x' -Dy=it's")
                .with("empty", "");

        assertEquals("rest.port: '8081'\n"
                + "env.java.opts.all: '-Dname=''x'' -Dy=it''s'\n"
                + "empty: ''\n", config.toYaml());
    }

    @Test
    void theWriterRefusesEntriesThatWouldAddALineOrAKey() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("a\nrest.port", "1"), Map.entry("a: b", "1"),
                Map.entry("#x", "1"), Map.entry("pipeline.name", "job\nrest.port: 1"),
                Map.entry("pipeline.name", "job\rrest.port: 1"), Map.entry("pipeline.name", "job\u2028rest.port: 1"))) {
            FlinkConfig config = FlinkConfig.empty().with(bad.getKey(), bad.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::toYaml);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void flinksInternalKeysTheHarnessSetsAreWrittenButNeverAJobsOwn() {
        // yarn-mini passes its log configuration this way; the manifest's own check stays strict
        assertEquals("$internal.yarn.log-config-file: '/tmp/log4j.properties'\n",
                FlinkConfig.of(Map.of("$internal.yarn.log-config-file", "/tmp/log4j.properties")).toYaml());
        assertTrue(FlinkConfig.keyProblem("$internal.yarn.log-config-file").isPresent());
        assertThrows(IllegalArgumentException.class, () -> FlinkConfig.of(Map.of("$internal.x: 1\nrest.port", "1")).toYaml());
    }

    @Test
    void aKeyIsPrintedOnOneLine() {
        assertEquals("a\\nb\\rc\\u0000d", FlinkConfig.printable("a\nb\rc\u0000d"));
    }

    @Test
    void yamlReadsBackToTheSameValues() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("a.quote", "it's");
        entries.put("b.colon", "host: with # hash and: colon");
        entries.put("c.number", "007");
        entries.put("d.bool", "true");
        String yaml = FlinkConfig.of(entries).toYaml();

        @SuppressWarnings("unchecked")
        Map<String, Object> read = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
        assertEquals(entries, read);
    }

    @Test
    void laterWithAllWins() {
        FlinkConfig config = FlinkConfig.empty()
                .withAll(Map.of("taskmanager.numberOfTaskSlots", "1", "parallelism.default", "1"))
                .withAll(Map.of("taskmanager.numberOfTaskSlots", "4"))
                .with("rest.port", "1")
                .withAll(Map.of("rest.port", "2"));

        assertEquals("4", config.get("taskmanager.numberOfTaskSlots"));
        assertEquals("1", config.get("parallelism.default"));
        assertEquals("2", config.get("rest.port"));
    }

    @Test
    void keyOrderIsFirstInsertionOrder() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("b", "1");
        first.put("a", "1");
        FlinkConfig config = FlinkConfig.of(first).with("c", "1").withAll(Map.of("b", "2"));

        assertEquals(List.of("b", "a", "c"), List.copyOf(config.asMap().keySet()));
        assertEquals("b: '2'\na: '1'\nc: '1'\n", config.toYaml());
    }

    @Test
    void isImmutable() {
        FlinkConfig base = FlinkConfig.empty().with("k", "v");
        FlinkConfig derived = base.with("k", "w").withAll(Map.of("x", "y"));

        assertEquals("v", base.get("k"));
        assertNull(base.get("x"));
        assertEquals("w", derived.get("k"));
        assertThrows(UnsupportedOperationException.class, () -> base.asMap().put("z", "1"));
    }

    @Test
    void writeToWritesConfigYamlCreatingTheFolder(@TempDir Path dir) throws IOException {
        FlinkConfig config = FlinkConfig.empty().with("jobmanager.rpc.port", 6123).with("q", "a'b");
        Path confDir = dir.resolve("conf").resolve("jm");

        Path written = config.writeTo(confDir);

        assertEquals(confDir.resolve("config.yaml"), written);
        assertEquals(FlinkConfig.FILE_NAME, written.getFileName().toString());
        assertEquals(config.toYaml(), Files.readString(written));
        assertEquals(List.of("jobmanager.rpc.port: '6123'", "q: 'a''b'"), Files.readAllLines(written));
    }
}
