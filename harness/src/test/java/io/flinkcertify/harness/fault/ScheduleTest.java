package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {

    private static final List<Fault> CATALOGUE = List.of(
            Fault.of(FaultKind.TASKMANAGER_KILL, Role.TASKMANAGER, Duration.ZERO),
            Fault.of(FaultKind.FREEZE, Role.TASKMANAGER, Duration.ofSeconds(5)),
            Fault.of(FaultKind.JOBMANAGER_KILL, Role.JOBMANAGER, Duration.ZERO),
            Fault.of(FaultKind.APISERVER_LATENCY, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.APISERVER_OUTAGE, Role.JOBMANAGER, Duration.ofSeconds(10)),
            Fault.of(FaultKind.PARTITION, Role.TASKMANAGER, Duration.ofSeconds(10)));

    @Test
    void theSameSeedGivesTheSameScheduleKindsVictimsOffsetsAndDurations() {
        assertEquals(Schedule.core(42, CATALOGUE), Schedule.core(42, CATALOGUE));
        assertEquals(Schedule.core(42, CATALOGUE).describe(), Schedule.core(42, CATALOGUE).describe());
    }

    @Test
    void anotherSeedGivesAnotherSchedule() {
        assertNotEquals(Schedule.core(42, CATALOGUE).faults(), Schedule.core(43, CATALOGUE).faults());
    }

    @Test
    void everyFaultOfTheCatalogueRunsOnceWithinTheBounds() {
        for (long seed = 0; seed < 50; seed++) {
            Schedule s = Schedule.core(seed, CATALOGUE);
            assertEquals(CATALOGUE.stream().map(Fault::kind).collect(Collectors.toSet()),
                    s.faults().stream().map(Fault::kind).collect(Collectors.toSet()));
            assertEquals(CATALOGUE.size(), s.faults().size());
            for (Fault f : s.faults()) {
                assertTrue(!f.start().isNegative() && f.start().compareTo(Schedule.MAX_PAUSE) <= 0, f.describe());
                Fault original = CATALOGUE.stream().filter(c -> c.kind() == f.kind()).findFirst().orElseThrow();
                assertEquals(original.role(), f.role());
                long ms = original.duration().toMillis();
                assertTrue(f.duration().toMillis() >= ms * 0.8 - 1 && f.duration().toMillis() <= ms * 1.2 + 1, f.describe());
            }
        }
    }

    @Test
    void seedsReallyReorderTheCatalogue() {
        Set<List<FaultKind>> orders = new java.util.HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(Schedule.core(seed, CATALOGUE).faults().stream().map(Fault::kind).toList());
        }
        assertTrue(orders.size() > 10, "only " + orders.size() + " distinct orders from 20 seeds");
    }
}
