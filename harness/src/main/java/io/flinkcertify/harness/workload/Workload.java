package io.flinkcertify.harness.workload;

import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.targets.Platform;
import io.flinkcertify.harness.targets.JobSubmission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A job to certify: what to run, how the cluster under it is configured, and which oracles judge it.
 * Built from a manifest entry (validated) or a reference workload.
 *
 * @param bounded            the job ends by itself (FINISHED is success); otherwise it is observed, then cancelled
 * @param availabilityWindow how long an unbounded job must keep running without restarts
 * @param deployment         application (a cluster per job, as in production) or session mode
 * @param rateArgument       the job argument that sets its source rate in records/s (the reference workloads'
 *                           {@code --rate}), which a capacity search varies; null when the job has none
 * @param normalisation      what its output records may legitimately differ in between runs, for the differential
 *                           checks ({@link Normalisation#NONE} unless the manifest declares it)
 * @param yarnConfig         the job's production YARN settings ({@code -D} keys), carried to Kubernetes targets by
 *                           {@link YarnToKubernetes}; each target runs with its own side's (empty: none declared)
 * @param kafka              what it needs of the embedded Kafka broker ({@link KafkaUse#NONE}: nothing)
 */
public record Workload(String id, Path jar, String entryClass, List<String> args, int parallelism,
                       Map<String, String> flinkConfig, Set<OracleKind> oracles, boolean bounded,
                       Duration availabilityWindow, DeploymentMode deployment, String rateArgument,
                       Normalisation normalisation, Map<String, String> yarnConfig, KafkaUse kafka) {

    /** Placeholder in args that the harness replaces with the run's committed-output directory. */
    public static final String OUTPUT_PLACEHOLDER = "${output}";
    /** Placeholder in args for the embedded Kafka broker's bootstrap address (through the fault proxy). */
    public static final String KAFKA_BOOTSTRAP_PLACEHOLDER = "${kafka.bootstrap}";
    /** Placeholder in args for the run's own copy of the job's output topic ({@link KafkaUse#outputTopic()}). */
    public static final String OUTPUT_TOPIC_PLACEHOLDER = "${output.topic}";

    /** A job that needs no Kafka broker. */
    public Workload(String id, Path jar, String entryClass, List<String> args, int parallelism,
                    Map<String, String> flinkConfig, Set<OracleKind> oracles, boolean bounded,
                    Duration availabilityWindow, DeploymentMode deployment, String rateArgument,
                    Normalisation normalisation, Map<String, String> yarnConfig) {
        this(id, jar, entryClass, args, parallelism, flinkConfig, oracles, bounded, availabilityWindow, deployment,
                rateArgument, normalisation, yarnConfig, KafkaUse.NONE);
    }

    /** A job whose output is compared exactly as committed. */
    public Workload(String id, Path jar, String entryClass, List<String> args, int parallelism,
                    Map<String, String> flinkConfig, Set<OracleKind> oracles, boolean bounded,
                    Duration availabilityWindow, DeploymentMode deployment, String rateArgument) {
        this(id, jar, entryClass, args, parallelism, flinkConfig, oracles, bounded, availabilityWindow, deployment,
                rateArgument, Normalisation.NONE, Map.of());
    }

    public Workload {
        args = List.copyOf(args);
        flinkConfig = Map.copyOf(flinkConfig);
        yarnConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(yarnConfig));
        oracles = Set.copyOf(oracles);
        kafka = kafka == null ? KafkaUse.NONE : kafka;
    }

    public boolean checks(OracleKind oracle) {
        return oracles.contains(oracle);
    }

    /** It commits output the harness can read: files under {@code ${output}}, or records in its output topic. */
    public boolean writesOutput() {
        return args.contains(OUTPUT_PLACEHOLDER) || kafka.outputTopic() != null;
    }

    /** It needs the embedded Kafka broker (its args name the broker, or it declares inputs or an output topic). */
    public boolean usesKafka() {
        return kafka.broker();
    }

    /**
     * The run's own copy of the output topic: the declared name and a tag of the run's output directory, so runs on
     * different targets never write into one topic, while the two halves of a savepoint move (one output directory)
     * continue the same one.
     */
    public String outputTopicFor(Path outputDir) {
        if (kafka.outputTopic() == null) {
            throw new IllegalStateException(id + " declares no output topic");
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(outputDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return kafka.outputTopic() + "-" + java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether its output can be judged by the differential checks (determinism, equivalent output, savepoint moves):
     * a bounded job writing under {@code ${output}} that the keyed-sequence oracles do not already judge.
     */
    public boolean judgedByDifference() {
        // the window results' count of late firings depends on timing: such a job is judged by its generator instead
        return bounded && writesOutput() && !checks(OracleKind.EXACTLY_ONCE) && !checks(OracleKind.WINDOW_RESULTS);
    }

    /** The submission for a run whose committed output goes to {@code outputDir}, of a job that needs no broker. */
    public JobSubmission submission(Path outputDir) {
        return submission(outputDir, null);
    }

    /**
     * The submission for a run whose committed output goes to {@code outputDir}, with the broker's address for jobs
     * ({@code kafkaBootstrap}; null when the job needs none).
     */
    public JobSubmission submission(Path outputDir, String kafkaBootstrap) {
        if (usesKafka() && kafkaBootstrap == null) {
            throw new IllegalStateException(id + " needs the Kafka broker's address");
        }
        List<String> resolved = args.stream().map(a -> switch (a) {
            case OUTPUT_PLACEHOLDER -> outputDir.toUri().toString();
            case KAFKA_BOOTSTRAP_PLACEHOLDER -> kafkaBootstrap;
            case OUTPUT_TOPIC_PLACEHOLDER -> outputTopicFor(outputDir);
            default -> a;
        }).toList();
        return new JobSubmission(jar, entryClass, resolved, parallelism, null);
    }

    /** The same workload with one {@code --name value} argument set (replaced or appended). */
    public Workload withArg(String name, String value) {
        List<String> changed = new java.util.ArrayList<>(args);
        int i = changed.indexOf(name);
        if (i >= 0 && i + 1 < changed.size()) {
            changed.set(i + 1, value);
        } else {
            changed.add(name);
            changed.add(value);
        }
        return new Workload(id, jar, entryClass, changed, parallelism, flinkConfig, oracles, bounded, availabilityWindow,
                deployment, rateArgument, normalisation, yarnConfig, kafka);
    }

    /** The same workload with one cluster setting changed: the "tuned" side of an A/B. */
    public Workload withFlinkSetting(String key, String value) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(flinkConfig);
        changed.put(key, value);
        return new Workload(id, jar, entryClass, args, parallelism, changed, oracles, bounded, availabilityWindow,
                deployment, rateArgument, normalisation, yarnConfig, kafka);
    }

    /**
     * The cluster settings of a run on a target of {@code platform}: the side's settings derived from the job's
     * production YARN settings, then the manifest's {@code flinkConfig} (what the certification asks for wins).
     */
    public Map<String, String> flinkConfigOn(Platform platform) {
        YarnToKubernetes mapped = YarnToKubernetes.map(yarnConfig);
        Map<String, String> config = new java.util.LinkedHashMap<>(switch (platform) {
            case YARN -> mapped.onYarn();
            case KUBERNETES -> mapped.onKubernetes();
            case STANDALONE -> mapped.shared();
        });
        config.putAll(flinkConfig);
        return config;
    }

    /** Number of keys, where the job follows the keyed-sequence argument convention. */
    public OptionalLong keys() {
        return longArg("--keys");
    }

    /** Total records of a bounded keyed-sequence job; empty when unbounded or not declared. */
    public OptionalLong records() {
        OptionalLong r = longArg("--records");
        return r.isPresent() && r.getAsLong() >= 0 ? r : OptionalLong.empty();
    }

    /** Records per second, where the job follows the keyed-sequence argument convention. */
    public java.util.OptionalDouble rate() {
        int i = args.indexOf("--rate");
        try {
            return i >= 0 && i + 1 < args.size() ? java.util.OptionalDouble.of(Double.parseDouble(args.get(i + 1)))
                    : java.util.OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalDouble.empty();
        }
    }

    private OptionalLong longArg(String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(args.get(i + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
