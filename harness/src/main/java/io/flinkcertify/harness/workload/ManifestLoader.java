package io.flinkcertify.harness.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.HarnessOwnedConfig;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.targets.DeploymentMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a batch manifest (YAML; schema in {@code flink-certify/batch-manifest.schema.json}) and validates it
 * completely before anything starts. Every problem becomes a {@link ManifestException} naming the field.
 */
public final class ManifestLoader {

    /** Kubernetes label values and DNS labels allow 63 characters; ids end up in both. */
    private static final int ID_LIMIT = 63;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (ID_LIMIT - 1) + "}");
    private static final int DEFAULT_AVAILABILITY_SECONDS = 20;

    /** The manifest as written; field names here are the manifest's field names. */
    record RawManifest(String batch, List<RawJob> jobs, RawZookeeper zookeeper) {}

    record RawZookeeper(Integer tickTimeMs) {}

    /** ZooKeeper's tick bounds what a session may last (2 to 20 ticks); these keep both ends meaningful here. */
    static final int MIN_TICK_MS = 100;
    static final int MAX_TICK_MS = 10_000;

    record RawJob(String id, String workload, String jar, String entryClass, List<String> args, Integer parallelism,
                  Map<String, String> flinkConfig, List<String> oracles, Boolean bounded,
                  Integer availabilitySeconds, String deployment, String rateArgument, RawNormalise normalise,
                  Map<String, String> yarnConfig, String recordKey, List<RawInput> inputs, String outputTopic) {}

    record RawInput(String topic, Integer partitions, String file, RawGenerate generate) {}

    record RawGenerate(Integer keys, Long records) {}

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    record RawNormalise(String format, String delimiter, List<Integer> ignoreColumns, List<String> ignoreFields,
                        String mask) {}

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Path referenceJobJar;

    /** @param referenceJobJar the jar holding the reference workloads of the configured Flink version */
    public ManifestLoader(Path referenceJobJar) {
        this.referenceJobJar = referenceJobJar;
    }

    public Batch load(Path file) {
        if (Files.isDirectory(file)) {
            throw new ManifestException(file, "--batch", "is a directory", "pass the manifest file itself (e.g. fixtures/batches/reference.yaml)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(file, "--batch", "file does not exist",
                    "pass the path of a batch manifest (see fixtures/batches/reference.yaml)");
        }
        // a tree first: its shape is checked before binding, so a wrong file (a token, a list) is described, never quoted
        JsonNode tree;
        try {
            tree = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw yamlSyntax(file, e);
        } catch (IOException e) {
            throw new ManifestException(file, "--batch", "cannot be read (" + e.getClass().getSimpleName() + ")", "check permissions");
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ManifestException(file, "(document)", "batch manifest is empty", "add 'batch:' and 'jobs:' (see fixtures/batches/reference.yaml)");
        }
        if (!tree.isObject()) {
            throw new ManifestException(file, "(document)", "is not a YAML mapping of 'batch' and 'jobs' (it is "
                    + (tree.isArray() ? "a list" : "a single value") + ")",
                    "pass a batch manifest (see fixtures/batches/reference.yaml); was this the right file?");
        }
        RawManifest raw;
        try {
            raw = yaml.treeToValue(tree, RawManifest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ManifestException(file, path(e), "unknown field " + Shown.quote(e.getPropertyName()),
                    "use one of " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new ManifestException(file, path(e).isEmpty() ? "(document)" : path(e),
                    "wrong type or shape (expected " + expected(e.getTargetType()) + ")",
                    "see the field's type in batch-manifest.schema.json");
        } catch (JsonProcessingException e) {
            throw new ManifestException(file, "(document)", "cannot be read as a batch manifest ("
                    + Shown.parserMessage(e.getOriginalMessage()) + ")", "see batch-manifest.schema.json");
        }
        return validate(file, raw);
    }

    private Batch validate(Path file, RawManifest raw) {
        if (raw.batch() == null || raw.batch().isBlank()) {
            throw new ManifestException(file, "batch", "is missing", "name the batch, e.g. 'batch: payments-wave-1'");
        }
        if (raw.jobs() == null || raw.jobs().isEmpty()) {
            throw new ManifestException(file, "jobs", "is empty", "list at least one job");
        }
        List<Workload> jobs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, KafkaInput> inputs = new LinkedHashMap<>();
        for (int i = 0; i < raw.jobs().size(); i++) {
            Workload w = job(file, "jobs[" + i + "]", raw.jobs().get(i));
            if (!ids.add(w.id())) {
                throw new ManifestException(file, "jobs[" + i + "].id", "duplicate id '" + w.id() + "'", "give every job its own id");
            }
            // an input topic is loaded once per broker: two jobs may read one topic, but only as one declaration
            List<KafkaInput> declared = w.kafka().inputs();
            for (int k = 0; k < declared.size(); k++) {
                KafkaInput earlier = inputs.putIfAbsent(declared.get(k).topic(), declared.get(k));
                if (earlier != null && !earlier.equals(declared.get(k))) {
                    throw new ManifestException(file, "jobs[" + i + "].inputs[" + k + "].topic", "topic "
                            + Shown.quote(earlier.topic()) + " is declared differently by an earlier job ("
                            + earlier.describe() + ")", "declare it the same way in every job, or give it another name");
                }
            }
            jobs.add(w);
        }
        return new Batch(raw.batch(), file, jobs, zookeeperTick(file, raw.zookeeper()));
    }

    private static java.time.Duration zookeeperTick(Path file, RawZookeeper zookeeper) {
        if (zookeeper == null || zookeeper.tickTimeMs() == null) {
            return null;
        }
        int tick = zookeeper.tickTimeMs();
        if (tick < MIN_TICK_MS || tick > MAX_TICK_MS) {
            throw new ManifestException(file, "zookeeper.tickTimeMs", "is " + tick + " ms, outside "
                    + MIN_TICK_MS + "-" + MAX_TICK_MS, "give the tick of the production ensemble (ZooKeeper's default "
                    + "2000 ms; sessions last at most 20 ticks), or leave it out");
        }
        return java.time.Duration.ofMillis(tick);
    }

    private Workload job(Path file, String at, RawJob job) {
        if (job == null) {
            throw new ManifestException(file, at, "is empty", "give the job an id and a workload or jar");
        }
        if (job.id() == null) {
            throw new ManifestException(file, at + ".id", "is missing", "give the job an id, e.g. 'orders-enricher'");
        }
        if (job.id().length() > ID_LIMIT) {
            throw new ManifestException(file, at + ".id", "is " + job.id().length() + " characters long; the limit is "
                    + ID_LIMIT + " characters (ids become part of Kubernetes names)", "shorten the id");
        }
        if (!ID.matcher(job.id()).matches()) {
            throw new ManifestException(file, at + ".id", "is not a lowercase name (" + Shown.quote(job.id()) + ")",
                    "use lowercase letters, digits and '-', starting with a letter or digit, e.g. 'orders-enricher'");
        }
        if ((job.workload() == null) == (job.jar() == null)) {
            throw new ManifestException(file, at, "needs exactly one of 'workload' or 'jar'",
                    "name a reference workload (" + String.join(", ", ReferenceWorkloads.names()) + ") or give a jar path");
        }
        if (job.args() != null && job.args().contains(null)) {
            throw new ManifestException(file, at + ".args[" + job.args().indexOf(null) + "]", "is empty (null)",
                    "give a value or remove the entry");
        }
        Path jar;
        String entryClass;
        List<String> args = new ArrayList<>();
        if (job.workload() != null) {
            entryClass = ReferenceWorkloads.entryClasses().get(job.workload());
            if (entryClass == null) {
                throw new ManifestException(file, at + ".workload", "unknown reference workload " + Shown.quote(job.workload()),
                        "use one of " + String.join(", ", ReferenceWorkloads.names()));
            }
            jar = referenceJobJar;
            args.addAll(ReferenceWorkloads.wiring(job.workload()));
            args.addAll(job.args() == null ? ReferenceWorkloads.defaultArgs(job.workload()) : job.args());
        } else {
            jar = file.toAbsolutePath().getParent().resolve(job.jar()).normalize();
            if (Files.isDirectory(jar)) {
                throw new ManifestException(file, at + ".jar", jar + " is a directory", "give the path of the job's jar file");
            }
            if (!Files.isRegularFile(jar)) {
                throw new ManifestException(file, at + ".jar", "file " + jar + " does not exist",
                        "build the job jar or correct the path (relative paths start at the manifest's folder)");
            }
            if (job.entryClass() == null || job.entryClass().isBlank()) {
                throw new ManifestException(file, at + ".entryClass", "is missing", "give the job's main class");
            }
            entryClass = job.entryClass();
            JobJar.check(file, at, jar, entryClass);
            if (job.args() != null) {
                args.addAll(job.args());
            }
        }
        int parallelism = job.parallelism() == null ? 1 : job.parallelism();
        if (parallelism < 1 || parallelism > 64) {
            throw new ManifestException(file, at + ".parallelism", "must be between 1 and 64, is " + parallelism, "set a parallelism in that range");
        }
        Map<String, String> config = job.flinkConfig() == null ? Map.of() : new LinkedHashMap<>(job.flinkConfig());
        if (job.workload() != null && !ReferenceWorkloads.flinkConfig(job.workload()).isEmpty()) {
            // what the workload is defined by, under what the manifest asks for (checked like the manifest's own)
            Map<String, String> defined = new LinkedHashMap<>(ReferenceWorkloads.flinkConfig(job.workload()));
            defined.putAll(config);
            config = defined;
        }
        for (String key : config.keySet()) {
            // named on one line whatever the key holds: a line break in it must not split the message
            String field = at + ".flinkConfig." + FlinkConfig.printable(key);
            FlinkConfig.keyProblem(key).ifPresent(problem -> {
                throw new ManifestException(file, field, problem, "write the key as Flink documents it");
            });
            if (config.get(key) == null) {
                throw new ManifestException(file, field, "has no value", "give a value or remove the key");
            }
            FlinkConfig.valueProblem(config.get(key)).ifPresent(problem -> {
                throw new ManifestException(file, field, problem, "put the value on one line");
            });
            if (HarnessOwnedConfig.owns(key)) {
                throw new ManifestException(file, field, "is owned by the harness (addresses, ports, directories, HA, "
                        + "restore path)", "remove it; the harness sets it per target");
            }
        }
        // credentials in the job's config (s3.secret-key, ...) are masked from here on, wherever they would show
        Redaction.registerSensitiveValues(config);
        Map<String, String> yarnConfig = yarnConfig(file, at, job.yarnConfig());
        Set<OracleKind> oracles = EnumSet.noneOf(OracleKind.class);
        List<String> names = job.oracles() == null ? List.of(OracleKind.AVAILABILITY.label()) : job.oracles();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            oracles.add(OracleKind.fromLabel(name).orElseThrow(() -> new ManifestException(file, at + ".oracles",
                    "unknown oracle " + Shown.quote(name), "use one of " + OracleKind.labels())));
        }
        if (oracles.contains(OracleKind.WINDOW_RESULTS) && !ReferenceWorkloads.windowed(job.workload())) {
            throw new ManifestException(file, at + ".oracles", "window-results judges the generator of the "
                    + "event-time-windows and sql-aggregation workloads, which this job is not",
                    "drop window-results, or use workload: event-time-windows or sql-aggregation");
        }
        KafkaUse kafka = kafka(file, at, ReferenceWorkloads.KAFKA_EXACTLY_ONCE.equals(job.workload())
                ? withKafkaTopics(file, at, job, args) : job, args);
        boolean readableOutput = args.contains(Workload.OUTPUT_PLACEHOLDER) || kafka.outputTopic() != null;
        if (oracles.contains(OracleKind.EXACTLY_ONCE) && !readableOutput) {
            throw new ManifestException(file, at + ".args", "exactly-once needs the job to write to '" + Workload.OUTPUT_PLACEHOLDER
                    + "' or to its outputTopic", "pass '" + Workload.OUTPUT_PLACEHOLDER + "' as the job's output argument (or "
                    + "declare outputTopic and pass '" + Workload.OUTPUT_TOPIC_PLACEHOLDER + "'), or drop the exactly-once oracle");
        }
        int window = job.availabilitySeconds() == null ? DEFAULT_AVAILABILITY_SECONDS : job.availabilitySeconds();
        if (window < 1 || window > 3600) {
            throw new ManifestException(file, at + ".availabilitySeconds", "must be between 1 and 3600, is " + window, "set a window in seconds");
        }
        DeploymentMode deployment = job.deployment() == null ? DeploymentMode.APPLICATION
                : DeploymentMode.fromLabel(job.deployment()).orElseThrow(() -> new ManifestException(file, at + ".deployment",
                        "unknown deployment mode " + Shown.quote(job.deployment()), "use one of " + DeploymentMode.labels()));
        String rateArgument = rateArgument(file, at, job, args);
        Normalisation normalisation = withRecordKey(file, at, normalisation(file, at + ".normalise", job.normalise(),
                readableOutput), job.recordKey());
        Workload draft = new Workload(job.id(), jar, entryClass, args, parallelism, config, oracles, false,
                Duration.ofSeconds(window), deployment, rateArgument);
        boolean bounded = job.bounded() != null ? job.bounded() : draft.records().isPresent();
        return new Workload(job.id(), jar, entryClass, args, parallelism, config, oracles, bounded,
                Duration.ofSeconds(window), deployment, rateArgument, normalisation, yarnConfig, kafka);
    }

    /**
     * What the job needs of the embedded broker. Its args must name the broker when it declares topics (else the
     * job could not reach them), and {@code ${output.topic}} and {@code outputTopic} come together.
     */
    private static KafkaUse kafka(Path file, String at, RawJob job, List<String> args) {
        boolean bootstrap = args.contains(Workload.KAFKA_BOOTSTRAP_PLACEHOLDER);
        List<RawInput> rawInputs = job.inputs() == null ? List.of() : job.inputs();
        String outputTopic = job.outputTopic();
        if (outputTopic != null) {
            topicName(file, at + ".outputTopic", outputTopic);
            if (!args.contains(Workload.OUTPUT_TOPIC_PLACEHOLDER)) {
                throw new ManifestException(file, at + ".args", "the job declares outputTopic but its args do not pass '"
                        + Workload.OUTPUT_TOPIC_PLACEHOLDER + "'", "pass '" + Workload.OUTPUT_TOPIC_PLACEHOLDER
                        + "' where the job takes its output topic (each run writes its own copy of it)");
            }
        } else if (args.contains(Workload.OUTPUT_TOPIC_PLACEHOLDER)) {
            throw new ManifestException(file, at + ".outputTopic", "is missing, but the args pass '"
                    + Workload.OUTPUT_TOPIC_PLACEHOLDER + "'", "name the topic the job commits its output to, e.g. 'outputTopic: totals'");
        }
        if ((outputTopic != null || !rawInputs.isEmpty()) && !bootstrap) {
            throw new ManifestException(file, at + ".args", "the job declares Kafka topics but its args do not pass '"
                    + Workload.KAFKA_BOOTSTRAP_PLACEHOLDER + "'", "pass '" + Workload.KAFKA_BOOTSTRAP_PLACEHOLDER
                    + "' where the job takes its bootstrap servers");
        }
        List<KafkaInput> inputs = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < rawInputs.size(); i++) {
            String field = at + ".inputs[" + i + "]";
            RawInput raw = rawInputs.get(i);
            if (raw == null) {
                throw new ManifestException(file, field, "is empty", "give the topic and its records (file or generate)");
            }
            if (raw.topic() == null) {
                throw new ManifestException(file, field + ".topic", "is missing", "name the input topic, e.g. 'orders'");
            }
            topicName(file, field + ".topic", raw.topic());
            if (!topics.add(raw.topic()) || raw.topic().equals(outputTopic)) {
                throw new ManifestException(file, field + ".topic", "topic " + Shown.quote(raw.topic())
                        + " is declared twice by this job", "give each input and the output topic its own name");
            }
            int partitions = raw.partitions() == null ? 1 : raw.partitions();
            if (partitions < 1 || partitions > 64) {
                throw new ManifestException(file, field + ".partitions", "must be between 1 and 64, is " + partitions,
                        "set a partition count in that range");
            }
            if ((raw.file() == null) == (raw.generate() == null)) {
                throw new ManifestException(file, field, "needs exactly one of 'file' or 'generate'",
                        "give a file of records (one per line) or 'generate: {keys: 8, records: 24000}'");
            }
            Path records = null;
            KafkaInput.Generated generated = null;
            if (raw.file() != null) {
                records = file.toAbsolutePath().getParent().resolve(raw.file()).normalize();
                if (!Files.isRegularFile(records)) {
                    throw new ManifestException(file, field + ".file", "file " + records + " does not exist",
                            "give the path of the records (relative paths start at the manifest's folder)");
                }
            } else {
                Integer keys = raw.generate().keys();
                Long count = raw.generate().records();
                if (keys == null || keys < 1 || keys > 100_000) {
                    throw new ManifestException(file, field + ".generate.keys", "must be between 1 and 100000, is "
                            + keys, "give the number of keys, e.g. 8");
                }
                if (count == null || count < 0 || count > 50_000_000L) {
                    throw new ManifestException(file, field + ".generate.records", "must be between 0 and 50000000, is "
                            + count, "give the number of records, e.g. 24000");
                }
                generated = new KafkaInput.Generated(keys, count);
            }
            inputs.add(new KafkaInput(raw.topic(), partitions, records, generated));
        }
        return bootstrap ? new KafkaUse(true, inputs, outputTopic) : KafkaUse.NONE;
    }

    /**
     * The kafka-exactly-once workload reads keyed-sequence records from an input topic: unless the manifest declares
     * its topics, it reads {@code <id>-in} (a partition per source subtask, generated from its --keys and --records;
     * one partition per subtask because a Kafka consumer reading several partitions with a backlog may keep to one of
     * them for a long time (measured: two keys of four without output after 25 s); an unbounded one
     * gets {@link ReferenceWorkloads#UNBOUNDED_INPUT_SECONDS} of records at its --rate) and commits to
     * {@code <id>-out}. It must be given exactly one input topic.
     */
    private static RawJob withKafkaTopics(Path file, String at, RawJob job, List<String> args) {
        List<RawInput> inputs = job.inputs();
        if (inputs == null) {
            Workload draft = new Workload(job.id(), Path.of("."), "", args, 1, Map.of(), Set.of(), false,
                    Duration.ZERO, DeploymentMode.APPLICATION, null);
            long keys = draft.keys().orElse(8);
            long records = draft.records().isPresent() ? draft.records().getAsLong()
                    : (long) (draft.rate().orElse(1000) * ReferenceWorkloads.UNBOUNDED_INPUT_SECONDS);
            int partitions = job.parallelism() == null ? 1 : Math.max(1, Math.min(64, job.parallelism()));
            inputs = List.of(new RawInput(job.id() + "-in", partitions, null, new RawGenerate((int) keys, records)));
        }
        if (inputs.size() != 1 || inputs.get(0) == null) {
            throw new ManifestException(file, at + ".inputs", "kafka-exactly-once reads exactly one input topic, "
                    + "here " + inputs.size(), "declare one input (or none: the harness generates <id>-in)");
        }
        args.add(2, "--input-topic");
        args.add(3, inputs.get(0).topic() == null ? "" : inputs.get(0).topic());
        return new RawJob(job.id(), job.workload(), job.jar(), job.entryClass(), job.args(), job.parallelism(),
                job.flinkConfig(), job.oracles(), job.bounded(), job.availabilitySeconds(), job.deployment(),
                job.rateArgument(), job.normalise(), job.yarnConfig(), job.recordKey(), inputs,
                job.outputTopic() == null ? job.id() + "-out" : job.outputTopic());
    }

    private static void topicName(Path file, String field, String topic) {
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new ManifestException(file, field, "is not a Kafka topic name (" + Shown.quote(topic) + ")",
                    "use letters, digits, '.', '_' and '-', at most 200 characters");
        }
    }

    /**
     * The argument a capacity search sets: the reference workloads' {@code --rate}, or the job's declared one. It
     * must be one token, and where the job's args already give it a value, that value must be a rate.
     */
    private static String rateArgument(Path file, String at, RawJob job, List<String> args) {
        String argument = job.rateArgument() != null ? job.rateArgument()
                : job.workload() != null ? ReferenceWorkloads.RATE_ARGUMENT : null;
        if (argument == null) {
            return null;
        }
        if (argument.isBlank() || !argument.equals(argument.strip()) || argument.chars().anyMatch(Character::isWhitespace)) {
            throw new ManifestException(file, at + ".rateArgument", "is not one argument (" + Shown.quote(argument) + ")",
                    "name the flag that sets the job's records per second, e.g. '--rate'");
        }
        int i = args.indexOf(argument);
        if (i >= 0) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            double rate;
            try {
                rate = value == null ? Double.NaN : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new ManifestException(file, at + ".args", "the value after " + argument + " is "
                        + (value == null ? "missing" : Shown.quote(value)) + ", not a rate",
                        "give records per second as a positive number, e.g. " + argument + " 1000");
            }
        }
        return argument;
    }

    /**
     * The job's production YARN settings as its {@code -D} options give them. Unlike {@code flinkConfig}, keys the
     * harness owns in a run (HA, queue, directories) are welcome: they are mapped into the job's production
     * Kubernetes configuration, never applied to a run ({@link YarnToKubernetes}).
     */
    private static Map<String, String> yarnConfig(Path file, String at, Map<String, String> raw) {
        if (raw == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String field = at + ".yarnConfig." + FlinkConfig.printable(e.getKey());
            FlinkConfig.keyProblem(e.getKey()).ifPresent(problem -> {
                throw new ManifestException(file, field, problem, "write the key as you pass it with -D today");
            });
            if (e.getValue() == null) {
                throw new ManifestException(file, field, "has no value", "give a value or remove the key");
            }
            FlinkConfig.valueProblem(e.getValue()).ifPresent(problem -> {
                throw new ManifestException(file, field, problem, "put the value on one line");
            });
        }
        Redaction.registerSensitiveValues(raw);
        return new LinkedHashMap<>(raw);
    }

    /** The key that identifies one of the job's output records, read in the format {@code normalise} declares. */
    private static Normalisation withRecordKey(Path file, String at, Normalisation reading, String recordKey) {
        if (recordKey == null) {
            return reading;
        }
        String field = at + ".recordKey";
        switch (reading.format()) {
            case CSV -> {
                if (!recordKey.matches("[1-9][0-9]{0,3}")) {
                    throw new ManifestException(file, field, "is " + Shown.quote(recordKey) + ", not a csv column number",
                            "give the column that identifies a record, counted from 1");
                }
            }
            case JSON -> {
                if (recordKey.isBlank()) {
                    throw new ManifestException(file, field, "is empty", "name the json field that identifies a record");
                }
            }
            default -> throw new ManifestException(file, field, "needs the output's format", "declare normalise.format: "
                    + "csv (recordKey is a column number) or json (recordKey is a field)");
        }
        return new Normalisation(reading.format(), reading.delimiter(), reading.ignoreColumns(), reading.ignoreFields(),
                reading.mask(), recordKey);
    }

    /**
     * The job's declared normalisation of its output records. Each option must fit the format it belongs to, and a
     * mask must not match the empty text (it would mark every record alike, and a comparison that cannot fail).
     */
    private static Normalisation normalisation(Path file, String at, RawNormalise raw, boolean readableOutput) {
        if (raw == null) {
            return Normalisation.NONE;
        }
        if (!readableOutput) {
            throw new ManifestException(file, at, "normalises output the job does not write to '"
                    + Workload.OUTPUT_PLACEHOLDER + "' or to an outputTopic", "pass '" + Workload.OUTPUT_PLACEHOLDER
                    + "' as the job's output argument, or remove 'normalise'");
        }
        Normalisation.Format format = raw.format() == null ? Normalisation.Format.LINES
                : java.util.Arrays.stream(Normalisation.Format.values()).filter(f -> f.label().equals(raw.format()))
                        .findFirst().orElseThrow(() -> new ManifestException(file, at + ".format", "unknown format "
                                + Shown.quote(raw.format()), "use one of lines, csv, json"));
        List<Integer> columns = raw.ignoreColumns() == null ? List.of() : raw.ignoreColumns();
        List<String> fields = raw.ignoreFields() == null ? List.of() : raw.ignoreFields();
        if (!columns.isEmpty() && format != Normalisation.Format.CSV) {
            throw new ManifestException(file, at + ".ignoreColumns", "needs format: csv (the format is "
                    + format.label() + ")", "add 'format: csv', or use ignoreFields for json records");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == null || columns.get(i) < 1) {
                throw new ManifestException(file, at + ".ignoreColumns[" + i + "]", "must be a column number from 1",
                        "count columns from 1, as cut -f does");
            }
        }
        if (!fields.isEmpty() && format != Normalisation.Format.JSON) {
            throw new ManifestException(file, at + ".ignoreFields", "needs format: json (the format is "
                    + format.label() + ")", "add 'format: json', or use ignoreColumns for csv records");
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) == null || fields.get(i).isBlank()) {
                throw new ManifestException(file, at + ".ignoreFields[" + i + "]", "is empty",
                        "name a field, or a dotted path such as meta.host");
            }
        }
        String delimiter = raw.delimiter() == null ? "," : raw.delimiter();
        if (delimiter.isEmpty() || delimiter.contains("\n")) {
            throw new ManifestException(file, at + ".delimiter", "must be one or more characters on one line",
                    "give the separator of the csv records, e.g. ','");
        }
        java.util.regex.Pattern mask = null;
        if (raw.mask() != null) {
            try {
                mask = java.util.regex.Pattern.compile(raw.mask());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new ManifestException(file, at + ".mask", "is not a regular expression (" + e.getDescription()
                        + " at index " + e.getIndex() + ")", "write a Java regular expression, e.g. '\\d{13}'");
            }
            if (mask.matcher("").matches()) {
                throw new ManifestException(file, at + ".mask", "matches the empty text, so it would mask every record "
                        + "alike", "match only the varying part, e.g. '\\d{13}' rather than '.*'");
            }
        }
        return new Normalisation(format, delimiter, columns, fields, mask);
    }

    private static ManifestException yamlSyntax(Path file, JsonProcessingException e) {
        var loc = e.getLocation();
        // the parser's message goes on to quote the offending input; only its first line, with quotes left out, is kept
        return new ManifestException(file, loc == null ? "(document)" : "line " + loc.getLineNr() + " column " + loc.getColumnNr(),
                "not valid YAML (" + Shown.parserMessage(e.getOriginalMessage()) + ")", "correct the YAML syntax there");
    }

    /** The type a field wanted, in the manifest's words rather than Java's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping"; // RawManifest, RawJob, Map
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "." + Shown.fieldName(r.getFieldName()))
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
