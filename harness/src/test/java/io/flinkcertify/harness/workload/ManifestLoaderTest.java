package io.flinkcertify.harness.workload;

import io.flinkcertify.harness.secrets.Redaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestLoaderTest {

    private static final Path REFERENCE = locateReference();

    @TempDir
    Path dir;

    private Path referenceJar;
    private ManifestLoader loader;

    private static Path locateReference() {
        // surefire runs in the module folder (harness/); the fixture lives at the repository root
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("fixtures/batches/reference.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("/work/main/fixtures/batches/reference.yaml");
    }

    @BeforeEach
    void setUp() throws IOException {
        referenceJar = Files.writeString(dir.resolve("reference-jobs.jar"), "not really a jar");
        JobJarFixture.jar(dir.resolve("job.jar"), "com/example/Main.class");
        loader = new ManifestLoader(referenceJar);
    }

    private Path manifest(String yaml) throws IOException {
        return Files.writeString(dir.resolve("batch.yaml"), yaml);
    }

    /** Loads and expects a one-line ManifestException naming {@code field}. */
    private ManifestException rejects(String yaml, String field) throws IOException {
        Path file = manifest(yaml);
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(file));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(": " + field + ": "), e.getMessage());
        assertSingleLine(e);
        return e;
    }

    private static void assertSingleLine(ManifestException e) {
        assertFalse(e.getMessage().contains("\n"), () -> "message spans lines: " + e.getMessage());
        assertFalse(e.getMessage().contains("\r"), () -> "message spans lines: " + e.getMessage());
    }

    @Test
    void referenceBatchLoads() {
        Batch batch = loader.load(REFERENCE);

        assertEquals("reference", batch.name());
        assertEquals(REFERENCE, batch.manifest());
        assertEquals(2, batch.jobs().size());

        Workload bounded = batch.jobs().get(0);
        assertEquals("keyed-sequence", bounded.id());
        assertEquals(referenceJar, bounded.jar());
        assertEquals(ReferenceWorkloads.KEYED_SEQUENCE_MAIN, bounded.entryClass());
        assertEquals(List.of("--output", Workload.OUTPUT_PLACEHOLDER), bounded.args().subList(0, 2));
        assertEquals(2, bounded.parallelism());
        assertEquals(Set.of(OracleKind.EXACTLY_ONCE, OracleKind.AVAILABILITY), bounded.oracles());
        assertTrue(bounded.bounded(), "--records 24000 makes the job bounded");
        assertEquals(OptionalLong.of(8), bounded.keys());
        assertEquals(OptionalLong.of(24000), bounded.records());
        assertEquals(Duration.ofSeconds(5), bounded.availabilityWindow());
        assertEquals(Map.of(), bounded.flinkConfig());

        Workload unbounded = batch.jobs().get(1);
        assertEquals("keyed-sequence-unbounded", unbounded.id());
        assertFalse(unbounded.bounded(), "--records -1 makes the job unbounded");
        assertEquals(OptionalLong.empty(), unbounded.records());
        assertEquals(OptionalLong.of(4), unbounded.keys());
        assertEquals(Map.of("heartbeat.timeout", "20000"), unbounded.flinkConfig());
        assertEquals(Duration.ofSeconds(10), unbounded.availabilityWindow());
        assertEquals(io.flinkcertify.harness.targets.DeploymentMode.APPLICATION, bounded.deployment(), "the default");
        assertEquals(io.flinkcertify.harness.targets.DeploymentMode.SESSION, unbounded.deployment());
    }

    @Test
    void theZooKeeperTickIsTheBatchsOwnWithinWhatZooKeeperAccepts() throws IOException {
        String jobs = """
                jobs:
                  - id: ks
                    workload: keyed-sequence
                """;
        assertEquals(null, loader.load(manifest("batch: b\n" + jobs)).zookeeperTick(), "the targets' default");
        assertEquals(java.time.Duration.ofMillis(500),
                loader.load(manifest("batch: b\nzookeeper: {tickTimeMs: 500}\n" + jobs)).zookeeperTick());
        ManifestException e = rejects("batch: b\nzookeeper: {tickTimeMs: 20}\n" + jobs, "zookeeper.tickTimeMs");
        assertTrue(e.getMessage().contains("2000 ms"), e.getMessage());
    }

    @Test
    void jarJobWithDefaults() throws IOException {
        Batch batch = loader.load(manifest("""
                batch: mine
                jobs:
                  - id: orders-enricher
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--out, "${output}"]
                """));

        Workload w = batch.jobs().get(0);
        assertEquals(dir.resolve("job.jar"), w.jar());
        assertEquals("com.example.Main", w.entryClass());
        assertEquals(List.of("--out", "${output}"), w.args());
        assertEquals(1, w.parallelism());
        assertEquals(Set.of(OracleKind.AVAILABILITY), w.oracles());
        assertFalse(w.bounded());
        assertEquals(Duration.ofSeconds(20), w.availabilityWindow());
    }

    @Test
    void aRateArgumentIsTheReferenceWorkloadsOrTheJobsOwn() throws IOException {
        Batch batch = loader.load(manifest("""
                batch: b
                jobs:
                  - id: ks
                    workload: keyed-sequence
                  - id: mine
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--events-per-second, "250"]
                    rateArgument: --events-per-second
                  - id: unrated
                    jar: job.jar
                    entryClass: com.example.Main
                """));
        assertEquals("--rate", batch.jobs().get(0).rateArgument());
        assertEquals("--events-per-second", batch.jobs().get(1).rateArgument());
        assertEquals(List.of("--events-per-second", "9000"),
                batch.jobs().get(1).withArg("--events-per-second", "9000").args(), "a capacity trial's args");
        assertEquals(null, batch.jobs().get(2).rateArgument(), "no rate argument: throughput at its own rate only");
    }

    @Test
    void aUsersJobDeclaresItsNormalisationAndItsProductionYarnSettings() throws IOException {
        Batch batch = loader.load(manifest("""
                batch: b
                jobs:
                  - id: mine
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--out, "${output}"]
                    bounded: true
                    normalise: {format: csv, delimiter: ";", ignoreColumns: [5], mask: "h[0-9]+"}
                    yarnConfig:
                      yarn.containers.vcores: 2
                      yarn.application.queue: etl
                      state.checkpoints.dir: hdfs:///ck
                """));
        Workload w = batch.jobs().get(0);
        assertTrue(w.judgedByDifference());
        assertEquals("a;*;b;c;*", w.normalisation().apply("a;h12;b;c;1700000000"));
        assertEquals(java.util.Map.of("yarn.containers.vcores", "2", "yarn.application.queue", "etl",
                "state.checkpoints.dir", "hdfs:///ck"), w.yarnConfig(), "a run-owned key is welcome here");
        assertEquals("2", w.flinkConfigOn(io.flinkcertify.harness.targets.Platform.KUBERNETES).get("kubernetes.taskmanager.cpu"));
    }

    @Test
    void aRateArgumentThatIsNotOneFlagOrWhoseValueIsNoRateNamesTheField() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    rateArgument: "--rate 5"
                """, "jobs[0].rateArgument");
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    args: [--rate, fast]
                """, "jobs[0].args");
        assertTrue(e.getMessage().contains("--rate") && e.getMessage().contains("not a rate"), e.getMessage());
    }

    @Test
    void theProductionLikeWorkloadsBringTheirDefaultsAndWindowResultsJudgesOnlyTheGenerator() throws IOException {
        Batch batch = loader.load(manifest("""
                batch: b
                jobs:
                  - id: windows
                    workload: event-time-windows
                    oracles: [window-results]
                  - id: big-state
                    workload: rocksdb-state
                    flinkConfig: {execution.checkpointing.incremental: "false"}
                """));
        Workload windows = batch.jobs().get(0);
        assertEquals(ReferenceWorkloads.EVENT_TIME_WINDOWS_MAIN, windows.entryClass());
        assertTrue(windows.bounded());
        assertFalse(windows.judgedByDifference(), "its late firings vary with timing: the generator judges it");
        Workload bigState = batch.jobs().get(1);
        assertEquals("rocksdb", bigState.flinkConfig().get("state.backend.type"));
        assertEquals("false", bigState.flinkConfig().get("execution.checkpointing.incremental"), "the manifest wins");
        assertTrue(bigState.args().containsAll(List.of("--state-bytes-per-key", "4096")));
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    oracles: [window-results]
                """, "jobs[0].oracles");
    }

    @Test
    void workloadWithoutArgsGetsTheDefaultArgs() throws IOException {
        Batch batch = loader.load(manifest("""
                batch: b
                jobs:
                  - id: ks
                    workload: keyed-sequence
                """));

        Workload w = batch.jobs().get(0);
        assertEquals(2 + ReferenceWorkloads.KEYED_SEQUENCE_DEFAULT_ARGS.size(), w.args().size());
        assertEquals(ReferenceWorkloads.KEYED_SEQUENCE_DEFAULT_ARGS, w.args().subList(2, w.args().size()));
        assertTrue(w.bounded());
    }

    @Test
    void missingJarFileNamesTheJarField() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: does-not-exist.jar
                    entryClass: com.example.Main
                """, "jobs[0].jar");
        assertTrue(e.getMessage().contains("does-not-exist.jar"), e.getMessage());
    }

    @Test
    void jarWithoutEntryClassNamesEntryClass() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                """, "jobs[0].entryClass");
    }

    @Test
    void unknownOracleNamesTheOraclesField() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    oracles: [availability, at-least-once]
                """, "jobs[0].oracles");
        assertTrue(e.getMessage().contains("'at-least-once'"), e.getMessage());
        assertTrue(e.getMessage().contains("exactly-once, availability"), e.getMessage());
    }

    @Test
    void badYamlNamesTheLine() throws IOException {
        Path file = manifest("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    args: [--keys, "8"
                    parallelism: 2
                """);
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.getMessage().matches(".*: line \\d+ column \\d+: .*"), e.getMessage());
        assertTrue(e.field().startsWith("line "), e.field());
        assertSingleLine(e);
    }

    @Test
    void unknownFieldIsNamed() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    paralelism: 2
                """, "jobs[0].paralelism");
        assertTrue(e.getMessage().contains("unknown field 'paralelism'"), e.getMessage());
        assertTrue(e.getMessage().contains("parallelism"), "lists the known fields: " + e.getMessage());
    }

    @Test
    void unknownTopLevelFieldIsNamed() throws IOException {
        ManifestException e = rejects("""
                batch: b
                owner: team-x
                jobs:
                  - id: a
                    workload: keyed-sequence
                """, "owner");
        assertTrue(e.getMessage().contains("unknown field 'owner'"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    parallelism: lots
                """, "jobs[0].parallelism");
        assertTrue(e.getMessage().contains("wrong type or shape"), e.getMessage());
    }

    @Test
    void bothWorkloadAndJarAreRejected() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    jar: job.jar
                    entryClass: com.example.Main
                """, "jobs[0]");
        assertTrue(e.getMessage().contains("exactly one of 'workload' or 'jar'"), e.getMessage());
    }

    @Test
    void neitherWorkloadNorJarIsRejected() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                """, "jobs[0]");
        assertTrue(e.getMessage().contains("exactly one of 'workload' or 'jar'"), e.getMessage());
    }

    @Test
    void unknownWorkloadIsRejected() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: word-count
                """, "jobs[0].workload");
    }

    @Test
    void duplicateIdNamesTheSecondJob() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: same
                    workload: keyed-sequence
                  - id: other
                    workload: keyed-sequence
                  - id: same
                    workload: keyed-sequence
                """, "jobs[2].id");
        assertTrue(e.getMessage().contains("duplicate id 'same'"), e.getMessage());
    }

    @Test
    void badIdIsRejected() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: Orders_Enricher
                    workload: keyed-sequence
                """, "jobs[0].id");
    }

    @Test
    void harnessOwnedFlinkConfigKeyIsRejected() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    flinkConfig:
                      heartbeat.timeout: "20000"
                      rest.port: "8081"
                """, "jobs[0].flinkConfig.rest.port");
        assertTrue(e.getMessage().contains("owned by the harness"), e.getMessage());
    }

    /** A job whose flinkConfig holds {@code entry} (one YAML line under flinkConfig). */
    private static String withConfig(String entry) {
        return """
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    flinkConfig:
                      heartbeat.timeout: "20000"
                """ + "      " + entry + "\n";
    }

    @Test
    void ownedSettingsAreRefusedUnderEveryNameFlinkReadsThemBy() throws IOException {
        // Flink 1.20's names for the checkpoint and savepoint directories, their deprecated ones, and HA's
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "state.checkpoints.dir", "state.savepoints.dir", "state.backend.fs.checkpointdir",
                "execution.savepoint.path", "high-availability.type", "high-availability.cluster-id", "web.port")) {
            ManifestException e = rejects(withConfig(key + ": \"x\""), "jobs[0].flinkConfig." + key);
            assertTrue(e.getMessage().contains("owned by the harness"), e.getMessage());
        }
    }

    @Test
    void aKeyWithALineBreakIsRefusedAndNamedOnOneLine() throws IOException {
        ManifestException e = rejects(withConfig("\"a\\nrest.port\": \"1\""), "jobs[0].flinkConfig.a\\nrest.port");
        assertTrue(e.getMessage().contains("not a plain Flink key"), e.getMessage());
    }

    @Test
    void keysThatYamlWouldReadAsStructureAreRefused() throws IOException {
        for (String key : List.of("\"a: b\"", "\"#rest.port\"", "\"a b\"", "\"a\\rb\"", "\" rest.port\"")) {
            ManifestException e = assertThrows(ManifestException.class, () -> loader.load(manifest(withConfig(key + ": \"1\""))));
            assertTrue(e.field().startsWith("jobs[0].flinkConfig."), e.getMessage());
            assertTrue(e.getMessage().contains("not a plain Flink key"), e.getMessage());
            assertSingleLine(e);
        }
    }

    @Test
    void aValueWithALineBreakIsRefusedNamingItsKey() throws IOException {
        ManifestException e = rejects(withConfig("pipeline.name: \"job\\nrest.port: 1\""), "jobs[0].flinkConfig.pipeline.name");
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
        rejects(withConfig("pipeline.name: \"job\\rrest.port: 1\""), "jobs[0].flinkConfig.pipeline.name");
    }

    @Test
    void credentialsInTheJobsConfigAreMaskedFromLoadingOn() throws IOException {
        loader.load(manifest(withConfig("s3.secret-key: \"manifest-planted-secret-42\"")));
        assertEquals("key=" + Redaction.MASK, Redaction.apply("key=manifest-planted-secret-42"));
    }

    @Test
    void exactlyOnceWithoutOutputPlaceholderIsRejected() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    jar: job.jar
                    entryClass: com.example.Main
                    args: [--out, /tmp/somewhere]
                    oracles: [exactly-once]
                """, "jobs[0].args");
        assertTrue(e.getMessage().contains("${output}"), e.getMessage());
    }

    @Test
    void parallelismOutOfRangeIsRejected() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    parallelism: 65
                """, "jobs[0].parallelism");
    }

    @Test
    void availabilityWindowOutOfRangeIsRejected() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    availabilitySeconds: 0
                """, "jobs[0].availabilitySeconds");
    }

    @Test
    void unknownDeploymentModeIsRejected() throws IOException {
        ManifestException e = rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    deployment: per-job
                """, "jobs[0].deployment");
        assertTrue(e.getMessage().contains("application"), e.getMessage());
    }

    @Test
    void emptyJobsAreRejected() throws IOException {
        rejects("""
                batch: b
                jobs: []
                """, "jobs");
    }

    @Test
    void blankBatchNameIsRejected() throws IOException {
        rejects("""
                batch: " "
                jobs:
                  - id: a
                    workload: keyed-sequence
                """, "batch");
    }

    @Test
    void missingFileIsRejected() {
        Path missing = dir.resolve("nope.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(missing));
        assertEquals("--batch", e.field());
        assertTrue(e.getMessage().contains("file does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertSingleLine(e);
    }

    @Test
    void nullFlinkConfigValueIsRejectedByName() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    flinkConfig:
                      heartbeat.timeout:
                """, "jobs[0].flinkConfig.heartbeat.timeout");
    }

    @Test
    void nullArgumentIsRejectedByName() throws IOException {
        rejects("""
                batch: b
                jobs:
                  - id: a
                    workload: keyed-sequence
                    args: [--keys, ~]
                """, "jobs[0].args[1]");
    }

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static final String API_KEY = "sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e";

    private ManifestException rejectsFile(Path file, String field) {
        ManifestException e = assertThrows(ManifestException.class, () -> loader.load(file));
        assertEquals(field, e.field(), e.getMessage());
        assertSingleLine(e);
        return e;
    }

    @Test
    void anEmptyManifestSaysSo() throws IOException {
        for (String empty : List.of("", "   \n", "# only a comment\n")) {
            ManifestException e = rejects(empty, "(document)");
            assertTrue(e.getMessage().contains("batch manifest is empty"), e.getMessage());
            assertFalse(e.getMessage().contains("No content"), e.getMessage());
        }
    }

    @Test
    void anIdOverTheLimitNamesTheLimit() throws IOException {
        String id = "a".repeat(64);
        ManifestException e = rejects("batch: b\njobs:\n  - id: " + id + "\n    workload: keyed-sequence\n", "jobs[0].id");
        assertTrue(e.getMessage().contains("63-character") || e.getMessage().contains("63 characters"), e.getMessage());
        loader.load(manifest("batch: b\njobs:\n  - id: " + "a".repeat(63) + "\n    workload: keyed-sequence\n"));
    }

    @Test
    void aMissingIdSaysMissing() throws IOException {
        ManifestException e = rejects("batch: b\njobs:\n  - workload: keyed-sequence\n", "jobs[0].id");
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void aDirectoryIsADirectoryNotAMissingFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertTrue(rejectsFile(folder, "--batch").getMessage().contains("is a directory"));

        Files.createDirectory(dir.resolve("job-dir.jar"));
        ManifestException e = rejects("batch: b\njobs:\n  - id: a\n    jar: job-dir.jar\n    entryClass: com.example.Main\n", "jobs[0].jar");
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertFalse(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAJarNamesTheJarField() throws IOException {
        Files.writeString(dir.resolve("fake.jar"), "not really a jar");
        ManifestException e = rejects("batch: b\njobs:\n  - id: a\n    jar: fake.jar\n    entryClass: com.example.Main\n", "jobs[0].jar");
        assertTrue(e.getMessage().contains("is not a jar"), e.getMessage());
    }

    @Test
    void anEntryClassOutsideTheJarNamesTheEntryClassField() throws IOException {
        ManifestException e = rejects("batch: b\njobs:\n  - id: a\n    jar: job.jar\n    entryClass: com.example.Other\n",
                "jobs[0].entryClass");
        assertTrue(e.getMessage().contains("com/example/Other.class"), e.getMessage());
    }

    @Test
    void aTokenPassedAsTheManifestIsDescribedNeverQuoted() throws IOException {
        for (String secret : List.of(JWT, API_KEY, "Bearer " + JWT)) {
            ManifestException e = rejects(secret + "\n", "(document)");
            assertTrue(e.getMessage().contains("not a YAML mapping of 'batch' and 'jobs'"), e.getMessage());
            assertNoPieceOf(secret, e.getMessage());
        }
        ManifestException list = rejects("- " + API_KEY + "\n", "(document)");
        assertNoPieceOf(API_KEY, list.getMessage());
    }

    @Test
    void aTokenInAKeyOrAValueIsNotQuoted() throws IOException {
        assertNoPieceOf(API_KEY, assertThrows(ManifestException.class,
                () -> loader.load(manifest(API_KEY + ": x\n"))).getMessage());
        assertNoPieceOf(API_KEY, assertThrows(ManifestException.class,
                () -> loader.load(manifest("batch: b\njobs:\n  - id: a\n    workload: keyed-sequence\n    parallelism: " + API_KEY + "\n"))).getMessage());
        assertNoPieceOf(JWT, assertThrows(ManifestException.class,
                () -> loader.load(manifest("batch: b\njobs:\n  - id: a\n    workload: keyed-sequence\n    oracles: [" + JWT + "]\n"))).getMessage());
    }

    @Test
    void yamlSyntaxErrorsKeepTheLocationButNotTheInput() throws IOException {
        for (String broken : List.of(API_KEY + ": [\n", "key: " + API_KEY + ": x\n", "\"" + API_KEY + "\n", "a:\n\t" + API_KEY + "\n")) {
            ManifestException e = assertThrows(ManifestException.class, () -> loader.load(manifest(broken)));
            assertTrue(e.getMessage().contains("not valid YAML") && e.field().startsWith("line "), e.getMessage());
            assertNoPieceOf(API_KEY, e.getMessage());
            assertFalse(e.getMessage().contains("Source"), e.getMessage());
            assertSingleLine(e);
        }
    }

    /** No run of 8 characters of the secret appears in the message. */
    private static void assertNoPieceOf(String secret, String message) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
            String piece = secret.substring(i, i + 8);
            assertFalse(message.contains(piece), () -> "message quotes '" + piece + "': " + message);
        }
    }
}
