package io.flinkcertify.harness.workload;

import io.flinkcertify.harness.flink.HarnessOwnedConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Carries a job's production YARN settings (the {@code -D} options it is submitted with today, manifest
 * {@code yarnConfig}) to Kubernetes by a fixed, documented table ({@link #RULES}; the README's "YARN settings on
 * Kubernetes" prints it). Every setting gets one outcome, so nothing the job relies on on YARN silently disappears:
 * <ul>
 *   <li>{@link Outcome#CARRIED}: the same key means the same on both (memory sizes, slots, JVM options,
 *       container environment);</li>
 *   <li>{@link Outcome#MAPPED}: a Kubernetes key derived from it (vcores to pod CPU), applied on Kubernetes targets;</li>
 *   <li>{@link Outcome#PRODUCTION_ONLY}: derived into the production configuration only, because in a
 *       certification run the harness owns it (namespace, HA, directories) or the embedded cluster cannot honour
 *       it (node labels);</li>
 *   <li>{@link Outcome#NO_COUNTERPART}: no Kubernetes setting does this; a finding with what to do instead.</li>
 * </ul>
 */
public final class YarnToKubernetes {

    public enum Outcome { CARRIED, MAPPED, PRODUCTION_ONLY, NO_COUNTERPART }

    /**
     * One line of the table.
     *
     * @param yarnKey       a key, or a prefix ending in {@code *}
     * @param kubernetesKey the key it becomes; null to keep the YARN key (carried) or for no counterpart
     * @param value         how the value becomes the Kubernetes value
     */
    public record Rule(String yarnKey, Outcome outcome, String kubernetesKey, UnaryOperator<String> value, String note) {

        boolean matches(String key) {
            return yarnKey.endsWith("*") ? key.startsWith(yarnKey.substring(0, yarnKey.length() - 1)) : key.equals(yarnKey);
        }
    }

    /** One setting of the job and what became of it. */
    public record Setting(String yarnKey, String yarnValue, Outcome outcome, String kubernetesKey,
                          String kubernetesValue, String note) {}

    private static final UnaryOperator<String> SAME = v -> v;
    /** ZooKeeper HA becomes Kubernetes HA; any other value (none) stays what it is. */
    private static final UnaryOperator<String> ZOOKEEPER_TO_KUBERNETES = v -> "zookeeper".equalsIgnoreCase(v) ? "kubernetes" : v;
    private static final String NO_KEY = null;

    /** In order: the first rule whose key matches decides. */
    public static final List<Rule> RULES = List.of(
            new Rule("yarn.containers.vcores", Outcome.MAPPED, "kubernetes.taskmanager.cpu", SAME,
                    "a TaskManager container's vcores become its pod's CPU request (the limit follows "
                            + "kubernetes.taskmanager.cpu.limit-factor, 1 by default: a vcore share becomes a hard cap)"),
            new Rule("yarn.appmaster.vcores", Outcome.MAPPED, "kubernetes.jobmanager.cpu", SAME,
                    "the application master's vcores become the JobManager pod's CPU request"),
            new Rule("yarn.application.queue", Outcome.PRODUCTION_ONLY, "kubernetes.namespace", SAME,
                    "the queue becomes the namespace; give it a ResourceQuota of the queue's share. A run uses the "
                            + "harness's own namespace"),
            new Rule("yarn.application.node-label", Outcome.PRODUCTION_ONLY, "kubernetes.jobmanager.node-selector",
                    v -> "node-label:" + v, "label the nodes node-label=<label>; the embedded clusters have no labels"),
            new Rule("yarn.taskmanager.node-label", Outcome.PRODUCTION_ONLY, "kubernetes.taskmanager.node-selector",
                    v -> "node-label:" + v, "label the nodes node-label=<label>; the embedded clusters have no labels"),
            new Rule("high-availability", Outcome.PRODUCTION_ONLY, "high-availability.type", ZOOKEEPER_TO_KUBERNETES,
                    "ZooKeeper HA becomes Kubernetes HA (leases in ConfigMaps); a run's HA is the harness's"),
            new Rule("high-availability.type", Outcome.PRODUCTION_ONLY, "high-availability.type", ZOOKEEPER_TO_KUBERNETES,
                    "ZooKeeper HA becomes Kubernetes HA (leases in ConfigMaps); a run's HA is the harness's"),
            new Rule("high-availability.zookeeper.*", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "Kubernetes HA needs no ZooKeeper: drop it"),
            new Rule("yarn.ship-files", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "put the files in the image under /opt/flink/usrlib, or fetch them in an init container of a pod "
                            + "template (kubernetes.pod-template-file.default)"),
            new Rule("yarn.ship-archives", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "unpack the archives into the image, or in an init container of a pod template"),
            new Rule("yarn.provided.lib.dirs", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "the image holds Flink's libraries: build it from the same Flink version"),
            new Rule("yarn.application.priority", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "give the pods a PriorityClass in a pod template (priorityClassName)"),
            new Rule("yarn.application-attempts", Outcome.NO_COUNTERPART, NO_KEY, SAME,
                    "Kubernetes restarts a lost JobManager pod without an attempt limit; bound failures with the "
                            + "restart strategy instead"),
            new Rule("yarn.*", Outcome.NO_COUNTERPART, NO_KEY, SAME, "a YARN-only setting: nothing to carry"),
            new Rule("*", Outcome.CARRIED, NO_KEY, SAME, "the same key on both"));

    private final List<Setting> settings;

    private YarnToKubernetes(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    public static YarnToKubernetes map(Map<String, String> yarnConfig) {
        List<Setting> out = new ArrayList<>();
        yarnConfig.forEach((key, value) -> {
            Rule rule = RULES.stream().filter(r -> r.matches(key)).findFirst().orElseThrow();
            Outcome outcome = rule.outcome();
            String note = rule.note();
            if (outcome == Outcome.CARRIED && HarnessOwnedConfig.owns(key)) {
                // directories, ports, addresses: the production value stands, a run sets its own
                outcome = Outcome.PRODUCTION_ONLY;
                note = "carried to production; a run sets its own (the harness owns it)";
            }
            String kubernetesKey = outcome == Outcome.NO_COUNTERPART ? null
                    : rule.kubernetesKey() == null ? key : rule.kubernetesKey();
            String kubernetesValue = kubernetesKey == null ? null : rule.value().apply(value);
            out.add(new Setting(key, value, outcome, kubernetesKey, kubernetesValue, note));
        });
        return new YarnToKubernetes(out);
    }

    public List<Setting> settings() {
        return settings;
    }

    /** What a YARN target runs with: the job's own settings, without those a run owns. */
    public Map<String, String> onYarn() {
        Map<String, String> m = new LinkedHashMap<>();
        settings.stream().filter(s -> s.outcome() == Outcome.CARRIED || s.outcome() == Outcome.MAPPED)
                .forEach(s -> m.put(s.yarnKey(), s.yarnValue()));
        return m;
    }

    /** What a Kubernetes target runs with: the carried settings and the derived ones a run can honour. */
    public Map<String, String> onKubernetes() {
        return kubernetes(Outcome.CARRIED, Outcome.MAPPED);
    }

    /** What a target of neither kind runs with: the settings that mean the same everywhere. */
    public Map<String, String> shared() {
        return kubernetes(Outcome.CARRIED);
    }

    /** The job's Kubernetes configuration for production: everything derived, the run-owned parts included. */
    public Map<String, String> production() {
        return kubernetes(Outcome.CARRIED, Outcome.MAPPED, Outcome.PRODUCTION_ONLY);
    }

    /** Settings with no Kubernetes counterpart, each with what to do instead. */
    public List<Setting> findings() {
        return settings.stream().filter(s -> s.outcome() == Outcome.NO_COUNTERPART).toList();
    }

    private Map<String, String> kubernetes(Outcome... outcomes) {
        List<Outcome> wanted = List.of(outcomes);
        Map<String, String> m = new LinkedHashMap<>();
        settings.stream().filter(s -> wanted.contains(s.outcome())).forEach(s -> m.put(s.kubernetesKey(), s.kubernetesValue()));
        return m;
    }
}
