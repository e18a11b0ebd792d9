package io.flinkcertify.performance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.secrets.Redaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writing and reading the run record and writing the verdict, over files of a real run (resources
 * {@code benchmark/record.json}: one job x target of the reference batch, {@code benchmark/verdict.json}: its
 * batch verdict). The record is rewritten at every event a run appends, so its cost per write bounds how often
 * the harness can record; writes include the secret masking every output goes through.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SerializationBenchmark {

    // configured as RecordFile and the CLI's verdict writer configure theirs
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Path recordFile;
    private RecordFile record;
    private Verdict verdict;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path dir = Files.createTempDirectory("serialization-benchmark-");
        recordFile = dir.resolve(RecordFile.NAME);
        try (InputStream in = resource("benchmark/record.json")) {
            Files.copy(in, recordFile);
        }
        record = RecordFile.read(recordFile);
        try (InputStream in = resource("benchmark/verdict.json")) {
            verdict = rebuilt(JSON.readTree(in));
        }
    }

    /**
     * The verdict as the CLI builds it, from the real run's checks: verdict.json is written, never read back (its
     * jobs carry the gate's assessment unwrapped, which Jackson writes but cannot read into a record).
     */
    @SuppressWarnings("unchecked")
    static Verdict rebuilt(com.fasterxml.jackson.databind.JsonNode written) {
        java.util.List<String> jobs = new java.util.ArrayList<>();
        java.util.List<io.flinkcertify.harness.run.CheckResult> checks = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode job : written.path("jobs")) {
            jobs.add(job.path("id").asText());
            for (com.fasterxml.jackson.databind.JsonNode c : job.path("checks")) {
                checks.add(new io.flinkcertify.harness.run.CheckResult(job.path("id").asText(), c.path("suite").asText(),
                        c.path("target").asText(), c.path("name").asText(),
                        io.flinkcertify.harness.run.CheckStatus.valueOf(c.path("status").asText()),
                        c.hasNonNull("reason") ? c.path("reason").asText() : null,
                        JSON.convertValue(c.path("evidence"), java.util.Map.class),
                        c.hasNonNull("headline") ? c.path("headline").asText() : null, null,
                        c.path("durationMs").asLong(), null));
            }
        }
        return Verdict.of(written.path("batch").asText(), jobs, checks, written.path("flinkVersion").asText(),
                written.path("seed").asLong(), written.path("runId").asText());
    }

    @TearDown(Level.Trial)
    public void delete() {
        KeyedSequenceOutput.delete(recordFile.getParent());
    }

    @Benchmark
    public String writeRecord() throws IOException {
        return Redaction.apply(JSON.writeValueAsString(record));
    }

    @Benchmark
    public RecordFile readRecord() {
        return RecordFile.read(recordFile);
    }

    @Benchmark
    public String writeVerdict() throws IOException {
        return Redaction.apply(JSON.writeValueAsString(verdict));
    }

    private static InputStream resource(String name) {
        InputStream in = SerializationBenchmark.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("benchmark input " + name + " missing from the classpath");
        }
        return in;
    }
}
