package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What cluster DNS would answer in one namespace: each service with a selector resolves to the addresses of the
 * pods it selects that run on this node and are alive (sorted, so a pod's hosts file changes only when they do).
 * A service whose selector is null is skipped. fabric8 reads an absent selector as an empty map, which selects
 * every pod of the namespace (a real cluster gives such a service no endpoints); Flink's services always have
 * one, so this is left as it was.
 */
final class ServiceEndpoints {

    /**
     * @param liveAddress a pod's uid to its address while its process is alive, empty otherwise
     * @return service name to the addresses behind it
     */
    static Map<String, List<String>> in(String namespace, List<Pod> pods, List<Service> services,
                                        Function<String, Optional<String>> liveAddress) {
        Map<String, List<String>> addresses = new HashMap<>();
        for (Service service : services) {
            if (!service.getMetadata().getNamespace().equals(namespace) || service.getSpec().getSelector() == null) {
                continue;
            }
            Map<String, String> selector = service.getSpec().getSelector();
            List<String> ips = pods.stream()
                    .filter(p -> p.getMetadata().getNamespace().equals(namespace))
                    .filter(p -> p.getMetadata().getLabels() != null
                            && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .map(p -> liveAddress.apply(p.getMetadata().getUid()))
                    .flatMap(Optional::stream).sorted().toList();
            addresses.put(service.getMetadata().getName(), ips);
        }
        return addresses;
    }

    private ServiceEndpoints() {}
}
