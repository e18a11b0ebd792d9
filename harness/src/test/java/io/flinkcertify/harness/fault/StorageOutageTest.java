package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageOutageTest {

    private static final Fault OUTAGE = Fault.of(FaultKind.CHECKPOINT_STORAGE_OUTAGE, Role.JOBMANAGER, Duration.ofSeconds(10));

    @TempDir
    Path tmp;
    private Workspace workspace;
    private Path checkpoints;

    @BeforeEach
    void checkpointsOfARun() throws IOException {
        workspace = Workspace.create(tmp, "storage-test");
        checkpoints = workspace.dir("checkpoints");
        Files.createDirectories(checkpoints.resolve("job-1/chk-3"));
        Files.writeString(checkpoints.resolve("job-1/chk-3/_metadata"), "state");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void whileCutNothingUnderThePathCanBeReadOrWrittenAndRevertRestoresEveryFile() throws Exception {
        try (Injection outage = StorageOutage.cut(OUTAGE, checkpoints)) {
            assertThrows(IOException.class, () -> Files.createDirectories(checkpoints.resolve("job-1/chk-4")));
            assertThrows(IOException.class, () -> Files.readString(checkpoints.resolve("job-1/chk-3/_metadata")));
            assertTrue(String.valueOf(outage.evidence().get("writeWhileDown")).startsWith("fails"), outage.evidence().toString());
        }
        assertEquals("state", Files.readString(checkpoints.resolve("job-1/chk-3/_metadata")));
        Files.createDirectories(checkpoints.resolve("job-1/chk-4"));
        assertFalse(Files.exists(checkpoints.resolveSibling("checkpoints.outage")));
    }

    @Test
    void revertReportsWritesWorkingAgain() throws Exception {
        Injection outage = StorageOutage.cut(OUTAGE, checkpoints);
        outage.close();
        assertEquals("ok", outage.evidence().get("writeAfterRestore"));
    }

    @Test
    void onlyDirectoriesInsideThisRunsWorkspaceCanBeCut() throws IOException {
        assertTrue(StorageOutage.cuttable(checkpoints.toUri().toString()).isPresent());
        assertTrue(StorageOutage.cuttable("s3://bucket/checkpoints").isEmpty());
        assertTrue(StorageOutage.cuttable(null).isEmpty());
        Path foreign = Files.createDirectories(tmp.resolve("someone-elses-checkpoints"));
        assertTrue(StorageOutage.cuttable(foreign.toString()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> StorageOutage.cut(OUTAGE, foreign));
        assertTrue(Files.isDirectory(foreign));
    }
}
