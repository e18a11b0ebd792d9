package io.flinkcertify.harness.components;

import io.flinkcertify.harness.record.RunEvent;
import io.flinkcertify.harness.workload.KafkaInput;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of the broker's topics: input topics created and filled before a job starts, output topics
 * read back as a downstream consumer reads them, {@code isolation.level=read_committed}, into files the
 * committed-output oracles judge (one file per partition, named after it).
 */
public final class KafkaTopics {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private final String bootstrap;

    KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Creates and fills {@code input} unless the topic exists already (loaded by an earlier run of this broker).
     * Returns the records written now (0 when it was there).
     */
    public synchronized long load(KafkaInput input) {
        try (Admin admin = KafkaBroker.admin(address())) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (existing.contains(input.topic())) {
                return 0;
            }
            admin.createTopics(List.of(new NewTopic(input.topic(), input.partitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ComponentException("kafka: cannot create input topic " + input.topic() + ": " + cause(e), e);
        }
        long written = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            if (input.file() != null) {
                List<String> lines = Files.readAllLines(input.file(), StandardCharsets.UTF_8);
                for (String value : lines) {
                    if (!value.isBlank()) {
                        // the n-th record to partition n mod partitions: the same spread on every broker
                        producer.send(new ProducerRecord<>(input.topic(), (int) (written % input.partitions()), null, value));
                        written++;
                    }
                }
            } else {
                KafkaInput.Generated g = input.generate();
                for (long i = 0; i < g.records(); i++) {
                    String key = "k" + (i % g.keys());
                    producer.send(new ProducerRecord<>(input.topic(), Math.floorMod(key.hashCode(), input.partitions()),
                            key, key + "," + (i / g.keys())));
                    written++;
                }
            }
            producer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the records of input topic " + input.topic() + " from "
                    + input.file(), e);
        }
        return written;
    }

    /**
     * The transactions the broker reports open ({@code ONGOING}) and writing {@code topic}, collected over
     * {@code within}: a transactional sink opens one per writer after each checkpoint, so a window of a few
     * checkpoint intervals sees every writer's. Empty when nothing writes the topic with transactions.
     */
    public List<RunEvent.TransactionsObserved.OpenTransaction> openTransactions(String topic, Duration within) {
        Map<String, Long> seen = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + within.toNanos();
        try (Admin admin = KafkaBroker.admin(address())) {
            do {
                List<String> ongoing = admin.listTransactions(new ListTransactionsOptions()
                                .filterStates(List.of(TransactionState.ONGOING))).all().get(10, TimeUnit.SECONDS)
                        .stream().map(TransactionListing::transactionalId).filter(id -> !seen.containsKey(id)).toList();
                for (String id : ongoing) {
                    try {
                        TransactionDescription d = admin.describeTransactions(List.of(id)).description(id)
                                .get(10, TimeUnit.SECONDS);
                        if (d.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                            seen.put(id, d.transactionTimeoutMs());
                        }
                    } catch (java.util.concurrent.ExecutionException ended) {
                        // committed or fenced between the listing and the description: the next listing shows it
                    }
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentException("kafka: interrupted while listing transactions", e);
        } catch (Exception e) {
            throw new ComponentException("kafka: cannot list the transactions writing " + topic + ": " + cause(e), e);
        }
        return seen.entrySet().stream()
                .map(e -> new RunEvent.TransactionsObserved.OpenTransaction(e.getKey(), e.getValue())).toList();
    }

    /**
     * Reads every record of {@code topic} a {@code read_committed} consumer sees now (up to each partition's last
     * stable offset) into {@code outputDir}, one file per partition ({@code kafka-<topic>-<partition>}), and returns
     * the files. A topic that does not exist yields no file: the job committed nothing there.
     */
    public List<Path> drain(String topic, Path outputDir) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // reading must never create the topic a job did not write
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            // with read_committed these are the last stable offsets: what a downstream reader can see now
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(10));
            Map<TopicPartition, List<String>> values = new HashMap<>();
            assigned.forEach(tp -> values.put(tp, new ArrayList<>()));
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ComponentException("kafka: reading output topic " + topic + " did not reach its end "
                            + end + " within " + DRAIN_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        values.get(tp).add(r.value());
                    }
                }
            }
            Files.createDirectories(outputDir);
            List<Path> files = new ArrayList<>();
            for (TopicPartition tp : assigned) {
                Path file = outputDir.resolve("kafka-" + topic + "-" + tp.partition());
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (String v : values.get(tp)) {
                        out.write(v == null ? "" : v);
                        out.write('\n');
                    }
                }
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the records of output topic " + topic + " to " + outputDir, e);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private InetSocketAddress address() {
        int colon = bootstrap.lastIndexOf(':');
        return new InetSocketAddress(bootstrap.substring(0, colon), Integer.parseInt(bootstrap.substring(colon + 1)));
    }

    private static String cause(Exception e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
