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
 * Services without a selector (external names, hand-made endpoints) are not served.
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
