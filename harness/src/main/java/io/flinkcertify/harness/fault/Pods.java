package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Instance;

/** A target capability: its instances are Kubernetes pods the run owns, which can be killed as pods. */
@FunctionalInterface
public interface Pods {

    /**
     * Kills the victim's pod (Chaos Mesh PodChaos where installed, else a delete with grace period 0) and returns the
     * injection, registered for revert before any further evidence is read.
     */
    Injection kill(Fault fault, Instance victim);
}
