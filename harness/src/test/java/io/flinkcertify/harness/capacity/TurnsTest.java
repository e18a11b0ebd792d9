package io.flinkcertify.harness.capacity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TurnsTest {

    /** Each participant's thread takes {@code steps} turns, logging them, then leaves. */
    private static Thread taking(Turns turns, String who, int steps, List<String> log) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 1; i <= steps; i++) {
                    int step = i;
                    turns.inTurn(who, () -> log.add(who + step));
                }
            } catch (Exception e) {
                log.add(who + " failed: " + e);
            } finally {
                turns.leave(who);
            }
        });
        t.start();
        return t;
    }

    @Test
    void participantsAlternateAndTheOneLeftGoesOnAlone() throws Exception {
        Turns turns = new Turns(List.of("yarn-mini", "k8s-emulated"));
        List<String> log = new CopyOnWriteArrayList<>();
        // the second participant's thread starts first: the rotation, not the threads' timing, decides
        Thread k8s = taking(turns, "k8s-emulated", 2, log);
        Thread.sleep(100);
        Thread yarn = taking(turns, "yarn-mini", 4, log);
        yarn.join(10_000);
        k8s.join(10_000);
        assertEquals(List.of("yarn-mini1", "k8s-emulated1", "yarn-mini2", "k8s-emulated2", "yarn-mini3", "yarn-mini4"), log);
        assertEquals(List.of(), turns.participants());
    }

    @Test
    void aParticipantThatLeavesOnItsTurnHandsItOn() throws Exception {
        Turns turns = new Turns(List.of("a", "b", "c"));
        List<String> log = new CopyOnWriteArrayList<>();
        Thread c = taking(turns, "c", 2, log);
        Thread b = taking(turns, "b", 2, log);
        turns.leave("a"); // a's search failed before its first trial
        b.join(10_000);
        c.join(10_000);
        assertEquals(List.of("b1", "c1", "b2", "c2"), log);
    }

    @Test
    void oneWhoTakesNoTurnsIsToldSo() {
        Turns turns = Turns.alone("standalone");
        assertThrows(IllegalStateException.class, () -> turns.inTurn("k3s", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> new Turns(List.of("a", "a")));
    }
}
