package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --parallel: how many lanes, which job goes first, and that lanes really run side by side as child processes. */
class ParallelLanesTest {

    @TempDir
    Path dir;

    @Test
    void automaticLanesAreBoundByCoresMemoryAndJobs() {
        long gib = 1L << 30;
        assertEquals(2, ParallelLanes.automatic(2, 2, 20 * gib), "this machine: 2 cores, 2 reference jobs");
        assertEquals(2, ParallelLanes.automatic(50, 8, 9 * gib), "9 GiB holds two 4 GiB lanes, not eight");
        assertEquals(1, ParallelLanes.automatic(1, 8, 64 * gib), "one job is one lane");
        assertEquals(1, ParallelLanes.automatic(10, 4, gib), "too little memory for even one lane still runs one");
        assertEquals(4, ParallelLanes.automatic(10, 4, 64 * gib));
    }

    @Test
    void longestJobGoesFirstAndEqualsKeepManifestOrder() {
        List<ParallelLanes.LaneJob> jobs = List.of(new ParallelLanes.LaneJob("a", 13),
                new ParallelLanes.LaneJob("b", 27), new ParallelLanes.LaneJob("c", 13), new ParallelLanes.LaneJob("d", 5));
        assertEquals(List.of("b", "a", "c", "d"), ParallelLanes.longestFirst(jobs).stream()
                .map(ParallelLanes.LaneJob::id).toList());
    }

    /**
     * Each child notes how many children run when it starts (a file per running child), holds a moment, and writes
     * a verdict; one job's child fails before its verdict. Two lanes over five jobs: every job runs once, two at a
     * time, never three.
     */
    @Test
    void lanesRunChildrenSideBySideEachJobOnceAndReportOneThatEndedWithoutVerdict() throws Exception {
        Path running = Files.createDirectories(dir.resolve("running"));
        String script = "touch \"$R/$2\"; ls \"$R\" | wc -l > \"$R/../seen-$2\"; sleep 0.7; rm \"$R/$2\"; "
                + "if [ \"$2\" = broken ]; then echo boom; exit 3; fi; "
                + "mkdir -p \"$3\"; echo '{}' > \"$3/verdict.json\"; echo \"done $2\"";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ParallelLanes lanes = new ParallelLanes(2, out, List.of("env", "R=" + running, "sh", "-c", script, "child"));
        List<ParallelLanes.LaneJob> jobs = List.of(new ParallelLanes.LaneJob("a", 3), new ParallelLanes.LaneJob("b", 9),
                new ParallelLanes.LaneJob("broken", 5), new ParallelLanes.LaneJob("c", 1), new ParallelLanes.LaneJob("d", 2));
        List<ParallelLanes.LaneOutcome> outcomes = lanes.run(jobs, dir.resolve("lanes"),
                (lane, job, laneOut) -> List.of(Integer.toString(lane), job, laneOut.toString()));

        assertEquals(List.of("a", "b", "broken", "c", "d"), outcomes.stream().map(ParallelLanes.LaneOutcome::job).toList());
        Map<String, ParallelLanes.LaneOutcome> byJob = outcomes.stream()
                .collect(Collectors.toMap(ParallelLanes.LaneOutcome::job, o -> o));
        assertFalse(byJob.get("broken").judged());
        assertEquals(3, byJob.get("broken").exitCode());
        assertTrue(outcomes.stream().filter(o -> !o.job().equals("broken")).allMatch(o -> o.judged() && o.exitCode() == 0));
        List<Integer> seen = new ArrayList<>();
        for (String job : List.of("a", "b", "broken", "c", "d")) {
            seen.add(Integer.parseInt(Files.readString(dir.resolve("seen-" + job)).trim()));
        }
        assertEquals(2, seen.stream().mapToInt(i -> i).max().orElse(0), "two lanes: two children at once at most, " + seen);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.lines().anyMatch(l -> l.matches("\\[lane [12]\\] done b")), printed);
        assertTrue(printed.contains("] job b (9 planned checks) starts"), printed);
        assertEquals("done b\n", Files.readString(dir.resolve("lanes").resolve("b.console.log")));
        assertEquals("boom\n", Files.readString(dir.resolve("lanes").resolve("broken.console.log")));
    }

    /** A second run into the same OUT finds the lanes' emptied folders: they go, files stay. */
    @Test
    void emptiedLaneFoldersAreRemovedAndFilesKept() throws Exception {
        Path lanes = dir.resolve("lanes");
        Files.createDirectories(lanes.resolve("a/checks"));
        Files.createDirectories(lanes.resolve("a/runs/x"));
        Files.createDirectories(lanes.resolve("b/junit"));
        Files.writeString(lanes.resolve("b/junit/kept.xml"), "<x/>");
        ParallelLanes.removeEmptyFolders(lanes);
        assertFalse(Files.exists(lanes.resolve("a")));
        assertTrue(Files.exists(lanes.resolve("b/junit/kept.xml")));
        assertTrue(Files.isDirectory(lanes));
        ParallelLanes.removeEmptyFolders(dir.resolve("absent"));
    }

    /** A lane's command line: the user's options, minus what the parent keeps, plus its job, OUT, seed and lane. */
    @Test
    void laneArgsKeepTheUsersOptionsAndLeaveTheParentsOwn() {
        CertifyCommand command = new CertifyCommand(new PrintStream(new ByteArrayOutputStream()));
        new CommandLine(command).parseArgs("--suites", "integration,fault", "--out", "somewhere", "--parallel", "2",
                "--verbose", "--policy", "p.yaml", "--faults", "taskmanager-kill", "--seed", "7", "--targets",
                "yarn-mini,k8s-emulated", "--force", "--job", "x,y");
        List<String> args = command.laneArgs(2, "job-a", Path.of("somewhere", "lanes", "job-a"));
        assertEquals(List.of("--suites", "integration,fault", "--faults", "taskmanager-kill",
                "--targets", "yarn-mini,k8s-emulated",
                "--out", Path.of("somewhere", "lanes", "job-a").toString(), "--job", "job-a", "--parallel", "1",
                "--seed", "7", "--lane", "2"), args);
    }

    /**
     * A lane outlives no harness: a JVM that called exitWithParent exits once its parent (here a shell) is
     * SIGKILLed, as a child of a killed --parallel run does.
     */
    @Test
    void aLaneExitsWhenItsParentIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path pidFile = dir.resolve("child.pid");
        Process shell = new ProcessBuilder("sh", "-c", "\"$0\" -cp \"$1\" " + ExitWithParentProbe.class.getName()
                + " & echo $! > \"$2\"; wait", java, System.getProperty("java.class.path"), pidFile.toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Optional<ProcessHandle> child = Optional.empty();
        while (child.isEmpty() && System.nanoTime() < deadline) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            }
            Thread.sleep(50);
        }
        assertTrue(child.isPresent(), "the probe JVM started");
        // the probe is up once it watches its parent: it says so on stdout
        String first = new String(shell.getInputStream().readNBytes("watching\n".length()), StandardCharsets.UTF_8);
        assertEquals("watching\n", first);
        shell.destroyForcibly().waitFor();
        boolean gone = child.get().onExit().thenApply(h -> true).completeOnTimeout(false, 20, TimeUnit.SECONDS).get();
        assertTrue(gone, "the lane JVM must exit when its parent is killed");
    }

    @Test
    void aLaneWithoutAParentExitStaysRunningMeanwhile() throws Exception {
        // the watch itself must not end a child whose parent lives: this JVM is the probe's parent here
        Process probe = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ExitWithParentProbe.class.getName()).start();
        try {
            String first = new String(probe.getInputStream().readNBytes("watching\n".length()), StandardCharsets.UTF_8);
            assertEquals("watching\n", first);
            assertFalse(probe.waitFor(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS),
                    "a lane whose parent lives keeps running");
        } finally {
            probe.destroyForcibly().waitFor();
        }
    }
}
