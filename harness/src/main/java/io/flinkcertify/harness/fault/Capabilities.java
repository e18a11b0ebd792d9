package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.targets.Instance;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one target offers fault actions, each capability present or absent with the target's reason. Fault actions
 * read only this, never a target's internals, so which target can do which fault is decided in one place
 * ({@link FaultActions}) from facts the target states once.
 *
 * @param target             the target kind, for messages
 * @param instances          the instances as they are now
 * @param processes          instances are processes on this machine
 * @param jobManagerFailover the HA service that restores the job after its JobManager dies
 * @param pods               instances are pods the run owns
 * @param zookeeperPath      a harness proxy on the JobManager's path to ZooKeeper
 * @param apiServerPath      a harness proxy on Flink's path to the Kubernetes API server
 * @param checkpointDirectory the run's own checkpoint directory on this machine
 * @param networkChaos       Chaos Mesh NetworkChaos on the run's pods
 * @param jobManagerLog      the current JobManager's log file, where readable
 * @param kafkaPath          the harness proxy on the job's path to the embedded Kafka broker (a component of the run,
 *                           not of the target: added by the run when its job uses the broker)
 */
public record Capabilities(String target, Supplier<List<Instance>> instances, Capability<LocalProcesses> processes,
                           Capability<String> jobManagerFailover, Capability<Pods> pods,
                           Capability<FaultProxy> zookeeperPath, Capability<FaultProxy> apiServerPath,
                           Capability<Path> checkpointDirectory, Capability<NetworkChaos> networkChaos,
                           Supplier<Optional<Path>> jobManagerLog, Capability<FaultProxy> kafkaPath) {

    /** Why a run has no Kafka path: the job reads and writes no Kafka. */
    public static final String NO_KAFKA = "the job uses no Kafka broker (its args do not name ${kafka.bootstrap})";

    /** A target that offers nothing yet: every capability absent for {@code why}; add what it has with the withers. */
    public static Capabilities none(String target, Supplier<List<Instance>> instances, String why) {
        return new Capabilities(target, instances, Capability.absent(why), Capability.absent(why), Capability.absent(why),
                Capability.absent(why), Capability.absent(why), Capability.absent(why), Capability.absent(why),
                Optional::empty, Capability.absent(NO_KAFKA));
    }

    public Capabilities withProcesses(Capability<LocalProcesses> c) {
        return new Capabilities(target, instances, c, jobManagerFailover, pods, zookeeperPath, apiServerPath,
                checkpointDirectory, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withJobManagerFailover(Capability<String> c) {
        return new Capabilities(target, instances, processes, c, pods, zookeeperPath, apiServerPath,
                checkpointDirectory, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withPods(Capability<Pods> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, c, zookeeperPath, apiServerPath,
                checkpointDirectory, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withZookeeperPath(Capability<FaultProxy> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, c, apiServerPath,
                checkpointDirectory, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withApiServerPath(Capability<FaultProxy> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, zookeeperPath, c,
                checkpointDirectory, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withCheckpointDirectory(Capability<Path> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, zookeeperPath, apiServerPath,
                c, networkChaos, jobManagerLog, kafkaPath);
    }

    public Capabilities withNetworkChaos(Capability<NetworkChaos> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, zookeeperPath, apiServerPath,
                checkpointDirectory, c, jobManagerLog, kafkaPath);
    }

    public Capabilities withJobManagerLog(Supplier<Optional<Path>> log) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, zookeeperPath, apiServerPath,
                checkpointDirectory, networkChaos, log, kafkaPath);
    }

    public Capabilities withKafkaPath(Capability<FaultProxy> c) {
        return new Capabilities(target, instances, processes, jobManagerFailover, pods, zookeeperPath, apiServerPath,
                checkpointDirectory, networkChaos, jobManagerLog, c);
    }

    /** The fault's victim: its index among the live instances of its role that {@code eligible} accepts. */
    public Instance victim(Fault fault, java.util.function.Predicate<Instance> eligible) {
        List<Instance> candidates = instances.get().stream().filter(i -> i.role() == fault.role()).filter(eligible).toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no live " + fault.role() + " to aim " + fault.describe() + " at; have "
                    + instances.get());
        }
        return candidates.get(Math.floorMod(fault.instance(), candidates.size()));
    }
}
