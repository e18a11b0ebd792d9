package io.flinkcertify.harness.workload;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifests of jobs on the embedded Kafka broker: placeholders, inputs, the output topic, and their mistakes. */
class KafkaManifestTest {

    @TempDir
    Path dir;
    private ManifestLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        loader = new ManifestLoader(Files.writeString(dir.resolve("reference-jobs.jar"), "not really a jar"));
    }

    private Batch load(String yaml) throws IOException {
        return loader.load(Files.writeString(dir.resolve("batch.yaml"), yaml));
    }

    private ManifestException rejects(String yaml, String field) throws IOException {
        Path file = Files.writeString(dir.resolve("batch.yaml"), yaml);
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(file));
        assertEquals(field, e.field(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void theKafkaWorkloadGetsItsBrokerTopicsAndGeneratedInputByDefault() throws IOException {
        Workload bounded = load("""
                batch: b
                jobs:
                  - id: eo
                    workload: kafka-exactly-once
                    args: [--keys, "8", --records, "16000", --rate, "2000"]
                    parallelism: 2
                """).jobs().get(0);
        assertTrue(bounded.usesKafka());
        assertTrue(bounded.bounded());
        assertEquals(List.of("--bootstrap", "${kafka.bootstrap}", "--input-topic", "eo-in", "--output-topic",
                "${output.topic}", "--keys", "8", "--records", "16000", "--rate", "2000"), bounded.args());
        assertEquals("eo-out", bounded.kafka().outputTopic());
        assertEquals(List.of(new KafkaInput("eo-in", 2, null, new KafkaInput.Generated(8, 16000))), bounded.kafka().inputs());
        assertTrue(bounded.writesOutput(), "its output topic is read back as its committed output");

        Workload unbounded = load("""
                batch: b
                jobs:
                  - id: eo
                    workload: kafka-exactly-once
                    args: [--keys, "4", --records, "-1", --rate, "200"]
                """).jobs().get(0);
        assertFalse(unbounded.bounded());
        assertEquals(200 * ReferenceWorkloads.UNBOUNDED_INPUT_SECONDS, unbounded.kafka().inputs().get(0).generate().records());
    }

    @Test
    void placeholdersResolveToTheBrokerAndToARunsOwnCopyOfTheOutputTopic() throws IOException {
        Workload w = load("""
                batch: b
                jobs:
                  - id: mine
                    workload: kafka-exactly-once
                    args: [--keys, "2", --records, "10"]
                """).jobs().get(0);
        List<String> a = w.submission(dir.resolve("run-a"), "127.0.0.1:9092").args();
        List<String> b = w.submission(dir.resolve("run-b"), "127.0.0.1:9092").args();
        assertEquals("127.0.0.1:9092", a.get(1));
        String topicA = a.get(a.indexOf("--output-topic") + 1);
        assertTrue(topicA.matches("mine-out-[0-9a-f]{8}"), topicA);
        assertNotEquals(topicA, b.get(b.indexOf("--output-topic") + 1), "two runs never write into one topic");
        assertEquals(a, w.submission(dir.resolve("run-a"), "127.0.0.1:9092").args(),
                "the two halves of a savepoint move (one output directory) continue one topic");
        assertThrows(IllegalStateException.class, () -> w.submission(dir.resolve("run-a")),
                "a job on the broker is never submitted without its address");
    }

    @Test
    void aUsersJobDeclaresInputsFromAFileAndItsOutputTopic() throws IOException {
        Files.writeString(dir.resolve("orders.jsonl"), "{\"id\":1}\n");
        Workload w = load("""
                batch: b
                jobs:
                  - id: enricher
                    workload: kafka-exactly-once
                    inputs: [{topic: orders, partitions: 2, file: orders.jsonl}]
                    outputTopic: enriched
                    args: [--records, "1"]
                """).jobs().get(0);
        assertEquals(dir.resolve("orders.jsonl").toAbsolutePath().normalize(), w.kafka().inputs().get(0).file());
        assertEquals("enriched", w.kafka().outputTopic());
        assertEquals("orders", w.args().get(w.args().indexOf("--input-topic") + 1));
    }

    @Test
    void mistakesNameTheirField() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: "in put", generate: {keys: 1, records: 1}}]
                """, "jobs[0].inputs[0].topic");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: in, file: missing.jsonl}]
                """, "jobs[0].inputs[0].file");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: in}]
                """, "jobs[0].inputs[0]");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: in, partitions: 0, generate: {keys: 1, records: 1}}]
                """, "jobs[0].inputs[0].partitions");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: in, generate: {keys: 0, records: 1}}]
                """, "jobs[0].inputs[0].generate.keys");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    outputTopic: "x/y"
                """, "jobs[0].outputTopic");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    inputs: [{topic: a-out, generate: {keys: 1, records: 1}}]
                """, "jobs[0].inputs[0].topic");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: kafka-exactly-once
                    args: [--records, "10"]
                  - id: b
                    workload: kafka-exactly-once
                    inputs: [{topic: a-in, partitions: 3, generate: {keys: 8, records: 10}}]
                """, "jobs[1].inputs[0].topic");
    }

    @Test
    void aUsersJarMustPassTheBrokerWhereItDeclaresTopics() throws IOException {
        JobJarFixture.jar(dir.resolve("job.jar"), "com/example/Main.class");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    outputTopic: out
                    args: [--out, "${output.topic}"]
                """, "jobs[0].args");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    outputTopic: out
                    args: [--bootstrap, "${kafka.bootstrap}"]
                """, "jobs[0].args");
        rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--bootstrap, "${kafka.bootstrap}", --out, "${output.topic}"]
                """, "jobs[0].outputTopic");
        Workload onlyBroker = load("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--bootstrap, "${kafka.bootstrap}"]
                """).jobs().get(0);
        assertTrue(onlyBroker.usesKafka());
        assertFalse(onlyBroker.writesOutput());
    }
}
