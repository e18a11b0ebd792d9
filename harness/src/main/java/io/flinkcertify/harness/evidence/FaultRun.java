package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One fault carried out on a running job and its recovery.
 *
 * @param injection          what the fault action measured (victim, pid, proxy statistics, chains); its shape is
 *                           the action's own and it is only ever read by people
 * @param leadershipRevoked  leadership revocations the JobManager logged while the fault was in effect, where the
 *                           fault's action reads the JobManager log (ZooKeeper and API-server faults); null elsewhere
 * @param schedule           where the fault sits in a seeded schedule, null for a fault outside any schedule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultRun(String fault, long waitedForVictimMs, List<String> instancesBefore, Map<String, Object> injection,
                       @JsonIgnore Long leadershipRevoked, @JsonUnwrapped Recovery recovery,
                       List<String> instancesAfterRecovery, Map<String, Object> afterRecovery,
                       SchedulePosition schedule) implements Evidence {

    /** The position of a fault in its seeded schedule. */
    public record SchedulePosition(long seed, int position, int of) {}

    public FaultRun withSchedule(SchedulePosition position) {
        return new FaultRun(fault, waitedForVictimMs, instancesBefore, injection, leadershipRevoked, recovery,
                instancesAfterRecovery, afterRecovery, position);
    }

    /** Whether the JobManager instance before the fault is not the one after recovery (a failover happened). */
    @JsonIgnore
    public Optional<Boolean> jobManagerReplaced() {
        if (instancesAfterRecovery == null) {
            return Optional.empty();
        }
        return Optional.of(!jobManager(instancesBefore).equals(jobManager(instancesAfterRecovery)));
    }

    @JsonIgnore
    public OptionalLong leadershipRevocations() {
        return leadershipRevoked == null ? OptionalLong.empty() : OptionalLong.of(leadershipRevoked);
    }

    private static String jobManager(List<String> instances) {
        return instances.stream().filter(s -> s.startsWith("jobmanager")).findFirst().orElse("");
    }

    @Override
    public String headline() {
        return recovery.complete() ? recovery.headline() : "fault=" + fault;
    }
}
