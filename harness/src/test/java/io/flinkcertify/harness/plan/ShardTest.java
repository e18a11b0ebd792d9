package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.workload.Batch;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {

    private static Workload job(String id) {
        return new Workload(id, Path.of("job.jar"), "x.Main", List.of(), 1, Map.of(), Set.of(), true,
                Duration.ofSeconds(5), DeploymentMode.APPLICATION, null);
    }

    private static Batch batch(List<String> ids) {
        return new Batch("b", Path.of("b.yaml"), ids.stream().map(ShardTest::job).toList());
    }

    private static List<String> ids(int n, String prefix) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<String> selected(Shard shard, Batch batch) {
        return shard.select(batch).jobs().stream().map(Workload::id).toList();
    }

    @Test
    void parsesAndPrintsIOfN() {
        Shard shard = Shard.parse("2/3");
        assertEquals(2, shard.index());
        assertEquals(3, shard.count());
        assertEquals("2/3", shard.toString());
        assertEquals(new Shard(1, 1), Shard.parse(" 1/1 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "3", "1/1001", "1/0", "-1/3", "", "2/3/4", "1 / 3"})
    void refusesBadValues(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void everyJobIsInExactlyOneShard() {
        List<String> all = ids(500, "job");
        for (int n : new int[] {1, 2, 3, 7, 1000}) {
            List<String> union = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Shard shard = new Shard(i, n);
                List<String> part = selected(shard, batch(all));
                part.forEach(id -> assertEquals(1, IntStream.rangeClosed(1, n)
                        .filter(k -> new Shard(k, n).holds(id)).count(), id));
                union.addAll(part);
            }
            assertEquals(all.size(), union.size());
            assertEquals(new HashSet<>(all), new HashSet<>(union));
        }
    }

    @Test
    void spreadsJobsOverAllShards() {
        // not a uniformity test, only that the hash is not degenerate (e.g. every job in shard 1)
        List<String> all = ids(300, "job");
        for (int i = 1; i <= 3; i++) {
            int size = selected(new Shard(i, 3), batch(all)).size();
            assertTrue(size >= 50 && size <= 150, "shard " + i + " holds " + size + " of 300");
        }
    }

    @Test
    void isDeterministicAndIndependentOfOrderAndOtherJobs() {
        List<String> all = ids(200, "job");
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));
        List<String> grown = new ArrayList<>(shuffled);
        grown.addAll(ids(100, "unrelated"));
        Collections.shuffle(grown, new Random(11));
        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            List<String> before = selected(shard, batch(all));
            assertEquals(before, selected(shard, batch(all)));
            assertEquals(new HashSet<>(before), new HashSet<>(selected(shard, batch(shuffled))));
            assertEquals(new HashSet<>(before), new HashSet<>(selected(shard, batch(grown)).stream()
                    .filter(id -> id.startsWith("job-")).toList()));
        }
    }

    @Test
    void keepsManifestOrderAndBatchName() {
        Batch batch = batch(ids(50, "job"));
        Batch part = new Shard(1, 2).select(batch);
        assertEquals("b", part.name());
        List<String> kept = part.jobs().stream().map(Workload::id).toList();
        assertEquals(batch.jobs().stream().map(Workload::id).filter(kept::contains).toList(), kept);
    }

    @Test
    void hashIsTheFirstEightBytesOfSha256() {
        // SHA-256("abc") = ba7816bf 8f01cfea ...: a pinned value, so the assignment cannot drift between versions
        assertEquals(0xba7816bf8f01cfeaL, Shard.hash("abc"));
    }
}
