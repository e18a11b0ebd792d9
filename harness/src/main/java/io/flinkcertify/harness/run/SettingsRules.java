package io.flinkcertify.harness.run;

import io.flinkcertify.harness.evidence.SettingsLint;
import io.flinkcertify.harness.evidence.SettingsLint.Finding;
import io.flinkcertify.harness.evidence.SettingsLint.Severity;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.targets.TargetOptions;
import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules over a job's Flink settings against the faults of its schedule, needing no run (the config lint's static
 * half; the tuned-vs-default A/B is its measured half). A setting the job leaves alone is read at Flink's default.
 */
public final class SettingsRules {

    static final String SESSION_TIMEOUT = "high-availability.zookeeper.client.session-timeout";
    static final Duration SESSION_TIMEOUT_DEFAULT = Duration.ofSeconds(60);
    static final String HEARTBEAT_TIMEOUT = "heartbeat.timeout";
    static final Duration HEARTBEAT_TIMEOUT_DEFAULT = Duration.ofSeconds(50);
    static final String LEASE_DURATION = "high-availability.kubernetes.leader-election.lease-duration";
    static final Duration LEASE_DURATION_DEFAULT = Duration.ofSeconds(15);
    static final String RENEW_DEADLINE = "high-availability.kubernetes.leader-election.renew-deadline";
    static final Duration RENEW_DEADLINE_DEFAULT = Duration.ofSeconds(15);

    private SettingsRules() {}

    /** As {@link #judge(Map, List, Duration)} against a production ZooKeeper (tick 2000 ms). */
    public static Judgement judge(Map<String, String> flinkConfig, List<Fault> schedule) {
        return judge(flinkConfig, schedule, null);
    }

    /**
     * FAILED when a setting leaves the job fragile under a fault of the schedule; notes alone pass.
     *
     * @param zookeeperTick the tick of the ZooKeeper the job's HA uses (null: production's 2000 ms): the session
     *                      the JobManager gets is what it asks, capped at 20 ticks
     */
    public static Judgement judge(Map<String, String> flinkConfig, List<Fault> schedule, Duration zookeeperTick) {
        List<Finding> findings = new ArrayList<>();
        Duration asked = duration(flinkConfig, SESSION_TIMEOUT, SESSION_TIMEOUT_DEFAULT);
        Duration cap = (zookeeperTick == null ? TargetOptions.PRODUCTION_ZOOKEEPER_TICK : zookeeperTick).multipliedBy(20);
        Duration session = asked.compareTo(cap) <= 0 ? asked : cap;
        String capped = session.equals(asked) ? "" : " (ZooKeeper grants at most 20 ticks: " + seconds(cap)
                + " with its tick of " + cap.dividedBy(20).toMillis() + " ms)";
        longest(schedule, FaultKind.ZOOKEEPER_SUSPENSION).filter(suspension -> session.compareTo(suspension) <= 0)
                .ifPresent(suspension -> findings.add(new Finding(SESSION_TIMEOUT, shown(flinkConfig, SESSION_TIMEOUT, asked)
                        + capped, Severity.FRAGILE, "a " + seconds(suspension) + " ZooKeeper suspension",
                        "ZooKeeper expires the session before the suspension ends: the JobManager loses leadership and is "
                                + "replaced whatever high-availability.zookeeper.client.tolerate-suspended-connections says; "
                                + "set it above the longest ZooKeeper outage to survive (Flink's default is 60 s)"
                                + (capped.isEmpty() ? "" : ", and run ZooKeeper with a tick that allows it"))));
        Duration heartbeat = duration(flinkConfig, HEARTBEAT_TIMEOUT, HEARTBEAT_TIMEOUT_DEFAULT);
        longest(schedule, FaultKind.FREEZE).filter(freeze -> heartbeat.compareTo(freeze) <= 0)
                .ifPresent(freeze -> findings.add(new Finding(HEARTBEAT_TIMEOUT, shown(flinkConfig, HEARTBEAT_TIMEOUT, heartbeat),
                        Severity.NOTE, "a " + seconds(freeze) + " freeze",
                        "a pause this long (GC, a frozen process) declares the TaskManager lost and restarts the job")));
        Duration lease = duration(flinkConfig, LEASE_DURATION, LEASE_DURATION_DEFAULT);
        Duration renew = duration(flinkConfig, RENEW_DEADLINE, RENEW_DEADLINE_DEFAULT);
        if ((flinkConfig.containsKey(LEASE_DURATION) || flinkConfig.containsKey(RENEW_DEADLINE)) && renew.compareTo(lease) > 0) {
            findings.add(new Finding(RENEW_DEADLINE, shown(flinkConfig, RENEW_DEADLINE, renew), Severity.FRAGILE,
                    LEASE_DURATION + "=" + shown(flinkConfig, LEASE_DURATION, lease),
                    "a leader that may renew later than its lease lasts can lose leadership while it still acts as leader"));
        }
        SettingsLint lint = new SettingsLint(findings);
        List<Finding> fragile = lint.fragile();
        return fragile.isEmpty() ? Judgement.pass(lint) : Judgement.fail(fragile.stream()
                .map(f -> f.setting() + "=" + f.value() + " against " + f.against() + ": " + f.finding())
                .reduce((a, b) -> a + "; " + b).orElseThrow(), lint);
    }

    private static Optional<Duration> longest(List<Fault> schedule, FaultKind kind) {
        return schedule.stream().filter(f -> f.kind() == kind).map(Fault::duration).max(Duration::compareTo);
    }

    /** Flink's own parser: "20000" is milliseconds, "20 s" and "1 min" what they say. */
    private static Duration duration(Map<String, String> config, String key, Duration flinkDefault) {
        String value = config.get(key);
        return value == null ? flinkDefault : TimeUtils.parseDuration(value);
    }

    private static String shown(Map<String, String> config, String key, Duration value) {
        return config.containsKey(key) ? config.get(key) : seconds(value) + " (Flink's default)";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }
}
