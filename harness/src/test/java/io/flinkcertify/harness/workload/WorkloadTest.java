package io.flinkcertify.harness.workload;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {

    private static Workload workload(String... args) {
        return new Workload("w", Path.of("job.jar"), "x.Main", List.of(args), 1, Map.of(), Set.of(), true, Duration.ofSeconds(5),
                io.flinkcertify.harness.targets.DeploymentMode.APPLICATION, null);
    }

    @Test
    void readsTheKeyedSequenceConvention() {
        Workload w = workload("--output", Workload.OUTPUT_PLACEHOLDER, "--keys", "4", "--records", "100", "--rate", "12.5");
        assertEquals(4, w.keys().getAsLong());
        assertEquals(100, w.records().getAsLong());
        assertEquals(12.5, w.rate().getAsDouble());
        assertTrue(w.writesOutput());
    }

    @Test
    void negativeRecordsMeanUnboundedAndGarbageMeansUnknown() {
        assertFalse(workload("--records", "-1").records().isPresent());
        assertFalse(workload("--rate", "fast").rate().isPresent());
        assertFalse(workload("--keys").keys().isPresent());
    }

    @Test
    void withArgReplacesOrAppendsWithoutTouchingTheOriginal() {
        Workload w = workload("--rate", "100");
        assertEquals(5.0, w.withArg("--rate", "5").rate().getAsDouble());
        assertEquals(100.0, w.rate().getAsDouble());
        assertEquals(List.of("--rate", "100", "--keys", "3"), w.withArg("--keys", "3").args());
    }

    @Test
    void submissionResolvesTheOutputPlaceholder() {
        Workload w = workload("--output", Workload.OUTPUT_PLACEHOLDER);
        List<String> args = w.submission(Path.of("/tmp/out")).args();
        assertEquals("file:///tmp/out", args.get(1).replaceAll("/$", ""));
    }
}
