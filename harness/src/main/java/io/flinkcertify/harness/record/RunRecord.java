package io.flinkcertify.harness.record;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The history of one deployment of one job on one target: every event in the order it happened. Oracles read
 * only this. {@code home} is the folder holding the record file (committed output copies sit below it); it is
 * not serialised, the reader sets it.
 *
 * @param run the deployment's number among this job x target's deployments in the certification (from 1)
 */
public record RunRecord(String job, String target, int run, List<RunEvent> events, @JsonIgnore Path home) {

    public RunRecord {
        events = List.copyOf(events);
    }

    public RunRecord withHome(Path folder) {
        return new RunRecord(job, target, run, events, folder);
    }

    public <E extends RunEvent> Stream<E> all(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }

    public <E extends RunEvent> Optional<E> last(Class<E> type) {
        return all(type).reduce((a, b) -> b);
    }

    /** The polls taken during the named phase, in order. */
    public List<RunEvent.Polled> polls(String phase) {
        return all(RunEvent.Polled.class).filter(p -> p.phase().equals(phase)).toList();
    }

    /** The events after {@code event} (exclusive), in order. */
    public List<RunEvent> after(RunEvent event) {
        int i = events.indexOf(event);
        return i < 0 ? List.of() : events.subList(i + 1, events.size());
    }

    /** This record as it stood just before {@code event}: what an oracle saw when it judged there. */
    public RunRecord upTo(RunEvent event) {
        return new RunRecord(job, target, run, before(event), home);
    }

    /** The events before {@code event} (exclusive), in order. */
    public List<RunEvent> before(RunEvent event) {
        int i = events.indexOf(event);
        return i < 0 ? List.of() : events.subList(0, i);
    }
}
