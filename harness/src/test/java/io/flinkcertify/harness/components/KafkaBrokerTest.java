package io.flinkcertify.harness.components;

import io.flinkcertify.harness.fault.proxy.Toxic;
import io.flinkcertify.harness.fault.proxy.ToxicHandle;
import io.flinkcertify.harness.process.PortAllocator;
import io.flinkcertify.harness.workload.KafkaInput;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real broker: inputs loaded once, read_committed output, the proxy on the jobs' path, and teardown. */
class KafkaBrokerTest {

    @TempDir
    static Path work;
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(work, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void generatedInputIsLoadedOnceWithEachKeyInOnePartitionInOrder() throws Exception {
        KafkaInput input = new KafkaInput("sequences", 3, null, new KafkaInput.Generated(4, 40));
        assertEquals(40, broker.topics().load(input));
        assertEquals(0, broker.topics().load(input), "an existing input topic is not written again");
        List<Path> files = broker.topics().drain("sequences", work.resolve("in"));
        assertEquals(3, files.size());
        int total = 0;
        for (Path f : files) {
            Map<String, Long> last = new HashMap<>();
            for (String line : Files.readAllLines(f)) {
                String[] kv = line.split(",");
                long seq = Long.parseLong(kv[1]);
                assertEquals(last.getOrDefault(kv[0], -1L) + 1, seq, "key " + kv[0] + " in order in " + f);
                last.put(kv[0], seq);
                total++;
            }
        }
        assertEquals(40, total);
    }

    @Test
    void fileInputIsSpreadOverPartitionsByLine() throws Exception {
        Path records = work.resolve("orders.jsonl");
        Files.write(records, List.of("{\"id\":1}", "{\"id\":2}", "", "{\"id\":3}"));
        assertEquals(3, broker.topics().load(new KafkaInput("orders", 2, records, null)));
        List<Path> files = broker.topics().drain("orders", work.resolve("orders-out"));
        assertEquals(List.of("{\"id\":1}", "{\"id\":3}"), Files.readAllLines(files.get(0)));
        assertEquals(List.of("{\"id\":2}"), Files.readAllLines(files.get(1)));
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnlyAndJobsGoThroughTheProxy() throws Exception {
        try (KafkaProducer<String, String> producer = transactional("tx-test")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("out", "k0", "committed-1"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("out", "k0", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("out", "k0", "committed-2"));
            producer.commitTransaction();
        }
        List<Path> files = broker.topics().drain("out", work.resolve("out"));
        assertEquals(List.of("committed-1", "committed-2"), Files.readAllLines(files.get(0)));
        assertTrue(broker.jobsPath().stats().toEvidence().toString().length() > 0);
        assertTrue(broker.topics().drain("never-written", work.resolve("none")).isEmpty());
    }

    @Test
    void openTransactionsAreThoseWritingTheTopicWithTheTimeoutTheProducerAskedFor() throws Exception {
        try (KafkaProducer<String, String> writer = transactional("tx-watched", 45_000);
             KafkaProducer<String, String> elsewhere = transactional("tx-elsewhere", 60_000)) {
            writer.initTransactions();
            elsewhere.initTransactions();
            assertTrue(broker.topics().openTransactions("watched", Duration.ofMillis(300)).isEmpty(),
                    "no transaction is open yet");
            writer.beginTransaction();
            writer.send(new ProducerRecord<>("watched", "k0", "v")).get(10, TimeUnit.SECONDS);
            elsewhere.beginTransaction();
            elsewhere.send(new ProducerRecord<>("other", "k0", "v")).get(10, TimeUnit.SECONDS);
            var open = broker.topics().openTransactions("watched", Duration.ofMillis(500));
            assertEquals(List.of(new io.flinkcertify.harness.record.RunEvent.TransactionsObserved.OpenTransaction(
                    "tx-watched", 45_000)), open);
            writer.commitTransaction();
            elsewhere.abortTransaction();
        }
        assertTrue(broker.topics().openTransactions("watched", Duration.ofMillis(300)).isEmpty(),
                "a committed transaction is not open");
    }

    @Test
    void anOutageOnTheJobsPathStopsJobsButNotTheHarness() throws Exception {
        try (ToxicHandle outage = broker.jobsPath().add(new Toxic.Outage());
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.jobsBootstrap(),
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000,
                     ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000),
                     new StringSerializer(), new StringSerializer())) {
            assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>("cut", "v")).get(10, TimeUnit.SECONDS),
                    "a job's producer cannot reach the broker while the outage holds");
            broker.topics().load(new KafkaInput("during-outage", 1, null, new KafkaInput.Generated(1, 5)));
            assertEquals(5, Files.readAllLines(broker.topics().drain("during-outage", work.resolve("d")).get(0)).size(),
                    "the harness's own listener is not behind the proxy");
        }
    }

    @Test
    void closingStopsTheBrokerAndFreesItsPorts() {
        KafkaBroker second = KafkaBroker.start(work.resolve("second"), Duration.ofSeconds(90));
        String bootstrap = second.jobsBootstrap();
        int proxyPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        second.close();
        assertFalse(second.isAlive());
        assertTrue(PortAllocator.isFree(proxyPort));
        assertFalse(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    private static KafkaProducer<String, String> transactional(String id) {
        return transactional(id, 60_000);
    }

    private static KafkaProducer<String, String> transactional(String id, int timeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, timeoutMs);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.jobsBootstrap());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
