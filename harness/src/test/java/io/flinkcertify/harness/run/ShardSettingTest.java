package io.flinkcertify.harness.run;

import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The suites learn the shard from the run settings (certify.shard), as the CLI passes it. */
class ShardSettingTest {

    private static RunSettings settings(Map<String, String> values) {
        return RunSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void readsTheShardAndLeavesAnUnshardedRunWhole() {
        assertEquals(new Shard(2, 3), settings(Map.of(RunSettings.SHARD, "2/3")).shard());
        assertNull(settings(Map.of(RunSettings.SHARD, "")).shard(), "the CLI passes \"\" for an unsharded run");
        assertNull(settings(Map.of()).shard());
    }

    @Test
    void jobsOfIsTheShardsSelection() {
        List<Workload> jobs = List.of("a", "b", "c", "d", "e", "f").stream().map(id -> new Workload(id,
                Path.of("job.jar"), "x.Main", List.of(), 1, Map.of(), Set.of(), true, Duration.ofSeconds(5),
                DeploymentMode.APPLICATION, null)).toList();
        Batch batch = new Batch("b", Path.of("b.yaml"), jobs);
        assertSame(batch, RunSettings.jobsOf(batch, null, Set.of()));
        Shard shard = new Shard(1, 2);
        assertEquals(shard.select(batch), RunSettings.jobsOf(batch, shard, Set.of()));
    }

    @Test
    void jobsNarrowsTheBatchOrItsShardToTheNamedJobsInManifestOrder() {
        List<Workload> jobs = List.of("a", "b", "c", "d").stream().map(id -> new Workload(id,
                Path.of("job.jar"), "x.Main", List.of(), 1, Map.of(), Set.of(), true, Duration.ofSeconds(5),
                DeploymentMode.APPLICATION, null)).toList();
        Batch batch = new Batch("b", Path.of("b.yaml"), jobs);
        RunSettings settings = settings(Map.of(RunSettings.JOBS, "d, b"));
        assertEquals(Set.of("b", "d"), settings.jobs());
        assertEquals(List.of("b", "d"), RunSettings.jobsOf(batch, null, settings.jobs()).jobs().stream()
                .map(Workload::id).toList());
        Shard shard = new Shard(1, 2);
        List<String> inShard = shard.select(batch).jobs().stream().map(Workload::id).toList();
        assertEquals(inShard.stream().filter(Set.of("b", "d")::contains).toList(),
                RunSettings.jobsOf(batch, shard, settings.jobs()).jobs().stream().map(Workload::id).toList());
        assertEquals(Set.of(), settings(Map.of()).jobs());
    }
}
