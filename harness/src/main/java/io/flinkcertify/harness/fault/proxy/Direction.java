package io.flinkcertify.harness.fault.proxy;

/**
 * Which way through the proxy a toxic acts. Named from the client's point of view because the proxy always sits
 * in front of a server (ZooKeeper, the Kubernetes API server): UPSTREAM is client to server, DOWNSTREAM server to
 * client. A flow of bytes is always UPSTREAM or DOWNSTREAM; BOTH only exists for toxics.
 */
public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    /** True if a toxic configured with this direction acts on bytes travelling {@code flow}. */
    public boolean covers(Direction flow) {
        if (flow == BOTH) {
            throw new IllegalArgumentException("a flow of bytes is either UPSTREAM or DOWNSTREAM");
        }
        return this == BOTH || this == flow;
    }
}
