package io.flinkcertify.harness.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobManagerLogTest {

    @Test
    void summarisesTheWholeLogsLeadershipChanges(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jobmanager.log");
        Files.writeString(log, """
                INFO  DefaultLeaderElectionService - LeaderContender was granted leadership with session ID 1
                WARN  DefaultLeaderElectionService - Revoke leadership of dispatcher
                INFO  DefaultLeaderElectionService - LeaderContender was granted leadership with session ID 2
                WARN  KubernetesLeaderElector - lost leadership of cluster-config-map
                """);
        String summary = JobManagerLog.whole(() -> Optional.of(log)).leadershipSummary().orElseThrow();
        assertTrue(summary.startsWith("leadership revoked 2 time(s), granted 2 time(s)"), summary);
        assertTrue(summary.contains(log.toString()), summary);
    }

    @Test
    void theZooKeeperSessionIsWhatTheClientAskedAndWhatTheServerGranted(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jobmanager.log");
        Files.writeString(log, """
                INFO  org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.ZooKeeper [] - Initiating client connection, connectString=127.0.0.1:41477 sessionTimeout=60000 watcher=org.apache.flink.shaded.curator5.org.apache.curator.ConnectionState@47406941
                INFO  org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.ClientCnxn [] - Session establishment complete on server localhost/127.0.0.1:41477, session id = 0x1000327ae490006, negotiated timeout = 40000
                """);
        assertEquals(Optional.of("asked 60000 ms, negotiated 40000 ms"),
                JobManagerLog.whole(() -> Optional.of(log)).zookeeperSession());
        Files.writeString(log, "INFO no ZooKeeper here\n");
        assertEquals(Optional.empty(), JobManagerLog.whole(() -> Optional.of(log)).zookeeperSession());
    }

    @Test
    void aMarkedLogCountsOnlyWhatCameAfterTheMark(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jobmanager.log");
        Files.writeString(log, "WARN Revoke leadership of dispatcher\n");
        JobManagerLog marked = JobManagerLog.from(Optional.of(log), () -> Optional.of(log));
        Files.writeString(log, "INFO was granted leadership\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("leadership revoked 0 time(s), granted 1 time(s) (" + log + ")",
                marked.leadershipSummary().orElseThrow());
    }

    @Test
    void noLogNoSummary() {
        assertTrue(JobManagerLog.whole(Optional::empty).leadershipSummary().isEmpty());
    }
}
