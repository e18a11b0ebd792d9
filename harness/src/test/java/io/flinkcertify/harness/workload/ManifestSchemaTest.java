package io.flinkcertify.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.flink.HarnessOwnedConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published schema and the parser must describe the same manifest. */
class ManifestSchemaTest {

    private static final String SCHEMA = "/flink-certify/batch-manifest.schema.json";
    private static JsonNode schema;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream in = ManifestSchemaTest.class.getResourceAsStream(SCHEMA)) {
            assertNotNull(in, SCHEMA + " is not on the classpath");
            schema = new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> components(String recordClass) throws ClassNotFoundException {
        RecordComponent[] components = Class.forName(recordClass).getRecordComponents();
        assertNotNull(components, recordClass + " is not a record");
        return Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static JsonNode job() {
        return schema.path("$defs").path("job");
    }

    @Test
    void isDraft202012() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    }

    @Test
    void topLevelPropertiesAreTheRawManifestComponents() throws ClassNotFoundException {
        assertEquals(components("io.flinkcertify.harness.workload.ManifestLoader$RawManifest"),
                names(schema.path("properties")));
        assertFalse(schema.path("additionalProperties").asBoolean(true));
        assertEquals("#/$defs/job", schema.path("properties").path("jobs").path("items").path("$ref").asText());
    }

    @Test
    void jobPropertiesAreTheRawJobComponents() throws ClassNotFoundException {
        assertEquals(components("io.flinkcertify.harness.workload.ManifestLoader$RawJob"),
                names(job().path("properties")));
        assertFalse(job().path("additionalProperties").asBoolean(true));
    }

    @Test
    void everyPropertyHasADescription() {
        for (JsonNode object : new JsonNode[] {schema, job()}) {
            object.path("properties").fields().forEachRemaining(e ->
                    assertFalse(e.getValue().path("description").asText().isBlank(), e.getKey() + " has no description"));
        }
    }

    @Test
    void oracleNamesMatchOracleKind() {
        Set<String> labels = Arrays.stream(OracleKind.values()).map(OracleKind::label)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(labels, texts(job().path("properties").path("oracles").path("items").path("enum")));
    }

    @Test
    void workloadNamesMatchTheReferenceWorkloads() {
        assertEquals(new TreeSet<>(ReferenceWorkloads.names()),
                texts(job().path("properties").path("workload").path("enum")));
    }

    @Test
    void forbiddenFlinkConfigKeysAreTheHarnessOwnedOnes() {
        JsonNode forbidden = job().path("properties").path("flinkConfig").path("propertyNames").path("not").path("enum");
        // every key the loader refuses, the schema refuses; it may list more (names another Flink line reads)
        Set<String> missing = new TreeSet<>(HarnessOwnedConfig.KEYS);
        missing.removeAll(texts(forbidden));
        assertEquals(Set.of(), missing, "owned keys the schema does not forbid");
    }

    @Test
    void exactlyOneOfWorkloadOrJarAndEntryClassWithJar() {
        JsonNode oneOf = job().path("oneOf");
        assertEquals(2, oneOf.size());
        assertEquals(Set.of("workload"), texts(oneOf.get(0).path("required")));
        assertEquals(Set.of("jar"), texts(oneOf.get(1).path("required")));
        assertEquals(Set.of("entryClass"), texts(job().path("dependentRequired").path("jar")));
        assertEquals(Set.of("id"), texts(job().path("required")));
        assertEquals(Set.of("batch", "jobs"), texts(schema.path("required")));
    }

    @Test
    void rangesMatchTheLoader() {
        JsonNode p = job().path("properties");
        assertEquals(1, p.path("parallelism").path("minimum").asInt());
        assertEquals(64, p.path("parallelism").path("maximum").asInt());
        assertEquals(1, p.path("availabilitySeconds").path("minimum").asInt());
        assertEquals(3600, p.path("availabilitySeconds").path("maximum").asInt());
        assertEquals(20, p.path("availabilitySeconds").path("default").asInt());
        assertTrue("orders-enricher".matches(p.path("id").path("pattern").asText()));
        assertFalse("Orders_Enricher".matches(p.path("id").path("pattern").asText()));
    }
}
