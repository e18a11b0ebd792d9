package io.flinkcertify.harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** record.json round-trips every event type and matches its published JSON Schema. */
class RunRecordFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    static Schema schema() throws Exception {
        try (InputStream in = RunRecordFileTest.class.getResourceAsStream("/flink-certify/run-record.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(in));
        }
    }

    /** Every event type once, through the recorder that JobRun uses. */
    private Path recordEveryEventType() throws Exception {
        RunRecorder recorder = RunRecorder.open(out, "keyed-sequence", "yarn-mini");
        SyntheticRun run = new SyntheticRun().deployed(true, 8L, 24_000L).running(0, 0).window("availability", 20_000)
                .at(1_000).running(0, 1).injected("freeze", 120_000).at(5_000).reverted("freeze")
                .add(new RunEvent.SavepointTaken(1, "file:/sp/savepoint-1", 800))
                .add(new RunEvent.Stopped(2, "FINISHED"))
                .add(new RunEvent.Judged(3, "availability", false, "1 restart(s) inside the window"));
        run.events().forEach(recorder::append);
        Path committed = Files.createDirectories(out.resolve("work/output/2026-12-01--12"));
        Files.writeString(committed.resolve("part-0-0"), "k0,0,1\n");
        Files.writeString(committed.resolve(".part-0-1.inprogress"), "k0,1,2\n");
        recorder.outputCommitted(out.resolve("work/output"), List.of(committed.resolve("part-0-0")));
        recorder.flush();
        return RecordFile.folder(out, "keyed-sequence", "yarn-mini").resolve(RecordFile.NAME);
    }

    @Test
    void roundTripsEveryEventTypeWithTheCommittedOutputBesideIt() throws Exception {
        Path file = recordEveryEventType();
        RecordFile read = RecordFile.read(file);
        assertEquals(1, read.runs().size());
        RunRecord record = read.runs().get(0);
        assertEquals(10, record.events().size());
        assertEquals(1, record.all(RunEvent.Deployed.class).count());
        assertEquals(24_000L, record.last(RunEvent.Deployed.class).orElseThrow().records());
        assertEquals(2, record.polls("deploy").size());
        RunEvent.OutputCommitted output = record.last(RunEvent.OutputCommitted.class).orElseThrow();
        assertEquals(List.of("2026-12-01--12/part-0-0"), output.files());
        assertEquals("k0,0,1\n", Files.readString(record.home().resolve(output.directory()).resolve(output.files().get(0))));
        assertFalse(Files.exists(record.home().resolve(output.directory()).resolve("2026-12-01--12/.part-0-1.inprogress")),
                "only committed files are kept");
    }

    @Test
    void aSecondDeploymentOfTheSameJobAndTargetGetsTheNextRunNumber() throws Exception {
        RunRecorder first = RunRecorder.open(out, "j", "standalone");
        RunRecorder second = RunRecorder.open(out, "j", "standalone");
        first.append(new RunEvent.Stopped(1, "CANCELED"));
        second.append(new RunEvent.Stopped(2, "FINISHED"));
        second.flush();
        first.flush();
        List<RunRecord> runs = RecordFile.readAll(out).get(0).runs();
        assertEquals(List.of(1, 2), runs.stream().map(RunRecord::run).toList());
        assertEquals("CANCELED", runs.get(0).last(RunEvent.Stopped.class).orElseThrow().finalState());
        assertEquals("FINISHED", runs.get(1).last(RunEvent.Stopped.class).orElseThrow().finalState());
    }

    @Test
    void writtenRecordValidatesAgainstItsSchema() throws Exception {
        JsonNode written = JSON.readTree(recordEveryEventType().toFile());
        List<Error> errors = schema().validate(written);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    @Test
    void schemaRejectsARecordMissingWhatOraclesNeed() throws Exception {
        ObjectNode written = (ObjectNode) JSON.readTree(recordEveryEventType().toFile());
        ObjectNode poll = (ObjectNode) written.path("runs").get(0).path("events").get(1);
        ((ObjectNode) poll.path("snapshot")).remove("checkpoints");
        ObjectNode fault = (ObjectNode) written.path("runs").get(0).path("events").get(4);
        fault.remove("graceMs");
        List<Error> errors = schema().validate(written);
        assertTrue(errors.size() >= 2, errors.toString());
    }
}
