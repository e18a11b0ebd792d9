package io.flinkcertify.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, replayable sequence of faults over a run, as Jepsen's generators produce: the seed alone decides the
 * order of the kinds, which instance each fault aims at, how long after the previous recovery it lands, and how
 * long timed faults last. The same seed gives the same schedule; the report prints the seed and the schedule, and
 * {@code --seed} replays it.
 *
 * @param faults in the order they are injected; {@link Fault#start()} is the pause before each one
 */
public record Schedule(long seed, List<Fault> faults) {

    /** Longest pause before a fault: enough for the job to be mid-checkpoint at a different point each time. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(4);
    /** Timed faults last between 80 % and 120 % of the catalogue's duration. */
    static final double DURATION_SPREAD = 0.2;

    public Schedule {
        faults = List.copyOf(faults);
    }

    /**
     * The core certification schedule: every fault of {@code catalogue} once, in a seeded order, each aimed at a
     * seeded instance of its role, after a seeded pause, for a seeded share of its duration.
     */
    public static Schedule core(long seed, List<Fault> catalogue) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Fault> order = new ArrayList<>(catalogue);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Fault swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        List<Fault> faults = new ArrayList<>();
        for (Fault f : order) {
            int instance = random.nextInt(1000); // modulo the live instances of the role when it is injected
            Duration pause = Duration.ofMillis(random.nextLong(MAX_PAUSE.toMillis() + 1));
            Duration duration = f.duration().isZero() ? Duration.ZERO : Duration.ofMillis(Math.round(
                    f.duration().toMillis() * (1 - DURATION_SPREAD + 2 * DURATION_SPREAD * random.nextDouble())));
            faults.add(new Fault(f.kind(), f.role(), instance, pause, duration, f.parameters()));
        }
        return new Schedule(seed, faults);
    }

    /** The schedule as the report shows it: one line per fault. */
    public List<String> describe() {
        return faults.stream().map(Fault::describe).toList();
    }

    public Map<String, Object> toEvidence() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("faults", describe());
        return m;
    }
}
