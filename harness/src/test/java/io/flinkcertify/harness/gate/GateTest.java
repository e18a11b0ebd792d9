package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.Change;
import io.flinkcertify.harness.metric.Metric;
import io.flinkcertify.harness.metric.MetricSamples;
import io.flinkcertify.harness.metric.Samples;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    @TempDir
    Path dir;

    private static List<MetricSamples> throughput(double... values) {
        return List.of(new MetricSamples("wordcount", "k8s-emulated", "1.20.1", "sha", "cfg",
                new Samples(Metric.THROUGHPUT_PER_CORE, java.util.Arrays.stream(values).boxed().toList())));
    }

    private static final List<CheckResult> PASSED = List.of(new CheckResult("wordcount", "integration", "k8s-emulated",
            "exactly-once", CheckStatus.PASSED, null, Map.of(), 1, null));

    @Test
    void recordedRunsBecomeTheBaselineAndASlowerRunIsARegressionInTheScore() {
        BaselineStore store = BaselineStore.open(dir, false);
        Gate recording = new Gate(Policy.defaults(), Optional.of(store), true);
        Gate.Outcome first = recording.judge(List.of("wordcount"), PASSED, throughput(1000, 1010, 990, 1005, 995),
                List.of(), "run-1", Instant.EPOCH);
        assertEquals(Change.Classification.INSUFFICIENT_DATA, first.changes().get(0).classification());
        assertEquals(1, first.recorded().size());
        recording.judge(List.of("wordcount"), PASSED, throughput(1002, 998, 1008, 992, 1000), List.of(), "run-2", Instant.EPOCH);

        Gate comparing = new Gate(Policy.defaults(), Optional.of(store), false);
        Gate.Outcome slower = comparing.judge(List.of("wordcount"), PASSED, throughput(900, 905, 895, 902, 898),
                List.of(), "run-3", Instant.EPOCH);
        assertEquals(Change.Classification.REGRESSION, slower.changes().get(0).classification(), slower.changes().get(0).line());
        assertTrue(slower.recorded().isEmpty());
        assertEquals(2, store.history(throughput(1).get(0).key()).size(), "comparing alone records nothing");
        ComponentScore regression = slower.jobs().get(0).components().get(Component.REGRESSION.ordinal());
        assertEquals(0.0, regression.score());
        assertTrue(slower.jobs().get(0).score() < 10);
    }
}
