package io.flinkcertify.harness.targets.kubernetes.emulated;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name resolution of one pod, written as a hosts file its JVM reads through {@code -Djdk.net.hosts.file}
 * (which replaces DNS entirely, so it must also list localhost, the pod's own name and the machine's hostname,
 * all of which mean the pod itself, as inside a pod's network namespace).
 * Service names resolve to the addresses of the ready pods the service selects, under every name cluster DNS
 * would answer: {@code svc}, {@code svc.ns}, {@code svc.ns.svc} and {@code svc.ns.svc.cluster.local}.
 */
final class HostsFile {

    static final String CLUSTER_DOMAIN = "svc.cluster.local";

    /**
     * @param serviceAddresses service name (in {@code namespace}) to the addresses of the pods behind it
     */
    static String render(String podIp, String podName, String machineHostname, String namespace,
                         Map<String, List<String>> serviceAddresses) {
        StringBuilder out = new StringBuilder();
        // localhost is the pod's own network namespace: Flink reaches its own blob server through it
        out.append(podIp).append(" localhost\n");
        // a pod's hostname is its own: InetAddress.getLocalHost() must answer with the pod's address
        out.append(podIp).append(' ').append(podName).append('\n');
        if (!machineHostname.equals(podName) && !machineHostname.equals("localhost")) {
            out.append(podIp).append(' ').append(machineHostname).append('\n');
        }
        new TreeMap<>(serviceAddresses).forEach((service, addresses) -> {
            String names = String.join(" ", service, service + "." + namespace, service + "." + namespace + ".svc",
                    service + "." + namespace + "." + CLUSTER_DOMAIN);
            addresses.forEach(ip -> out.append(ip).append(' ').append(names).append('\n'));
        });
        return out.toString();
    }

    private HostsFile() {}
}
