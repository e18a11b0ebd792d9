package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), yaml);
    }

    private static Schema schema() throws IOException {
        try (InputStream in = PolicyLoaderTest.class.getResourceAsStream("/flink-certify/policy.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void theDefaultPolicyHasTheIssuesThresholdsAndCapsCorrectnessAt3() {
        Policy p = Policy.defaults();
        assertEquals(8, p.advice().migrate());
        assertEquals(5, p.advice().hold());
        assertFalse(p.holdFailsBatch());
        assertEquals(Set.of(Component.values()), p.weights().keySet());
        assertEquals(new Policy.Cap(Component.CORRECTNESS, 3, true), p.caps().get(0));
    }

    @Test
    void aFileChangesWhatItNamesAndKeepsTheRest() throws IOException {
        Policy p = PolicyLoader.load(write("weights:\n  performance: 0\nholdFailsBatch: true\n"));
        assertEquals(0, p.weight(Component.PERFORMANCE));
        assertEquals(Policy.defaults().weight(Component.CORRECTNESS), p.weight(Component.CORRECTNESS));
        assertTrue(p.holdFailsBatch());
        assertEquals(Policy.defaults().caps(), p.caps());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "weights: {vibes: 3}                  | weights.vibes: unknown component",
            "weights: {recovery: -1}              | weights.recovery: weight -1.0 is below 0",
            "advice: {migrate: 5, hold: 8}        | advice: thresholds out of order",
            "advice: {migrate: 11}                | advice.migrate: 11.0 is outside 0 to 10",
            "caps: [{component: speed, maxScore: 2}] | caps[0].component: unknown component",
            "caps: [{component: recovery}]        | caps[0].maxScore: missing",
            "colour: blue                         | colour: unknown field",
            "advice: {migrate: 8, soon: 1}        | advice.soon: unknown field",
            "weights: {recovery: lots}            | weights.recovery: wrong type",
            "weights: {correctness: 0, recovery: 0, stability: 0, performance: 0, regression: 0, migration: 0, configuration: 0} | weights: every weight is 0",
    })
    void aBadFieldIsNamedOnOneLine(String yaml, String expected) throws IOException {
        Path file = write(yaml + "\n");
        BadPolicy e = assertThrows(BadPolicy.class, () -> PolicyLoader.load(file));
        assertTrue(e.getMessage().startsWith("policy " + file + ": " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("; fix: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheLineButNeverQuotesIt() throws IOException {
        Path file = write("weights:\n  correctness: 10\npassword: \"hunter2-s3cr3t\n  recovery: [\n");
        BadPolicy e = assertThrows(BadPolicy.class, () -> PolicyLoader.load(file));
        assertTrue(e.getMessage().contains("line "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void aMissingOrEmptyFileIsBadInput() throws IOException {
        assertThrows(BadPolicy.class, () -> PolicyLoader.load(dir.resolve("none.yaml")));
        BadPolicy empty = assertThrows(BadPolicy.class, () -> PolicyLoader.load(write("")));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void theShippedDefaultIsValidAndTheSchemaRefusesWhatTheLoaderRefuses() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode shipped;
        try (InputStream in = getClass().getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
            shipped = yaml.readTree(in);
        }
        Schema schema = schema();
        assertTrue(schema.validate(shipped).isEmpty(), schema.validate(shipped).toString());
        for (String bad : new String[]{"weights: {vibes: 3}", "weights: {recovery: -1}", "colour: blue",
                "caps: [{component: recovery}]", "advice: {migrate: 11}"}) {
            assertFalse(schema.validate(yaml.readTree(bad)).isEmpty(), bad);
        }
    }

    @Test
    void theSchemaNamesEveryComponentAndEveryPolicyField() throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("/flink-certify/policy.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        Set<String> components = new TreeSet<>();
        schema.path("$defs").path("component").path("enum").forEach(n -> components.add(n.asText()));
        assertEquals(Arrays.stream(Component.values()).map(Component::label).collect(Collectors.toCollection(TreeSet::new)), components);
        Set<String> fields = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(Arrays.stream(PolicyLoader.PolicyFile.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new)), fields);
    }
}
