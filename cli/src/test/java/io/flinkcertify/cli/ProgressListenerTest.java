package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressListenerTest {

    @Test
    void estimatesTheTimeLeftFromTheTimePerCheckSoFar() {
        // 10 checks in 5 min: 30 s each; 47 left -> 23.5 min, said as about 24
        assertEquals(" · checks 10/57, about 24 min left", ProgressListener.progress(10, 57, Duration.ofMinutes(5)));
        assertEquals(" · checks 56/57, under a minute left", ProgressListener.progress(56, 57, Duration.ofMinutes(20)));
    }

    @Test
    void noEstimateBeforeTheFirstCheckOrAfterTheLast() {
        assertEquals(" · checks 0/57", ProgressListener.progress(0, 57, Duration.ofMinutes(1)));
        assertEquals(" · checks 57/57", ProgressListener.progress(57, 57, Duration.ofMinutes(21)));
        assertEquals("", ProgressListener.progress(3, 0, Duration.ofMinutes(1)));
    }
}
