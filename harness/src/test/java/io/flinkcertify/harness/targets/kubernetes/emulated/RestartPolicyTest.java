package io.flinkcertify.harness.targets.kubernetes.emulated;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    @Test
    void anAbsentPolicyIsAlways() {
        assertEquals(RestartPolicy.ALWAYS, RestartPolicy.of(null));
        assertEquals(RestartPolicy.ALWAYS, RestartPolicy.of("Always"));
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.of("OnFailure"));
        assertEquals(RestartPolicy.NEVER, RestartPolicy.of("Never"));
    }

    @Test
    void alwaysRestartsWhateverTheExit() {
        assertFalse(RestartPolicy.ALWAYS.ends(0));
        assertFalse(RestartPolicy.ALWAYS.ends(1));
    }

    @Test
    void onFailureEndsThePodOnlyOnSuccess() {
        assertTrue(RestartPolicy.ON_FAILURE.ends(0));
        assertFalse(RestartPolicy.ON_FAILURE.ends(143));
    }

    @Test
    void neverEndsThePodOnAnyExit() {
        assertTrue(RestartPolicy.NEVER.ends(0));
        assertTrue(RestartPolicy.NEVER.ends(-1));
    }

    @Test
    void theFirstRestartIsImmediateThenTheBackOffDoublesFromTenSecondsUpToFiveMinutes() {
        assertEquals(List.of(0L, 10_000L, 20_000L, 40_000L, 80_000L, 160_000L, 300_000L, 300_000L),
                IntStream.range(0, 8).mapToObj(RestartPolicy::backOffMillis).toList());
        assertEquals(300_000L, RestartPolicy.backOffMillis(1_000), "no overflow for a long crash loop");
    }
}
