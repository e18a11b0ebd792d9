package io.flinkcertify.harness.fault.proxy;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Which upstreams a {@link FaultProxy} may forward to. The harness must only ever disturb traffic to servers of
 * its own sandbox, so this is a sealed hierarchy rather than a free-form predicate: a caller cannot widen it with a
 * lambda. Today only loopback is allowed.
 *
 * <p>Extension point: when the harness starts containers itself, add a permitted record here (e.g.
 * {@code ProjectContainers(registry)}) whose {@link #check} accepts exactly the addresses of containers that
 * registry started, and pass it to {@link FaultProxy#start(UpstreamPolicy, InetSocketAddress, int, long)}.
 */
public sealed interface UpstreamPolicy permits UpstreamPolicy.LoopbackOnly {

    /** Throws {@link IllegalArgumentException} if the proxy must not forward to {@code upstream}. */
    void check(InetSocketAddress upstream);

    static UpstreamPolicy loopbackOnly() {
        return LoopbackOnly.INSTANCE;
    }

    /** 127.0.0.0/8 only: the per-instance 127.0.0.x addresses the harness uses are included, IPv6 is not needed. */
    final class LoopbackOnly implements UpstreamPolicy {
        private static final LoopbackOnly INSTANCE = new LoopbackOnly();

        private LoopbackOnly() {
        }

        @Override
        public void check(InetSocketAddress upstream) {
            if (upstream == null) {
                throw new IllegalArgumentException("upstream address is required");
            }
            // An unresolved name could resolve differently later; only a fixed address can be vetted once.
            if (upstream.isUnresolved()) {
                throw new IllegalArgumentException("upstream " + upstream + " is unresolved; give a 127.x.x.x address");
            }
            if (!(upstream.getAddress() instanceof Inet4Address v4) || (v4.getAddress()[0] & 0xff) != 127) {
                throw new IllegalArgumentException("upstream " + upstream
                        + " is not a loopback (127.0.0.0/8) address; the fault proxy only disturbs the harness's own sandbox");
            }
            if (upstream.getPort() == 0) {
                throw new IllegalArgumentException("upstream " + upstream + " has no port");
            }
        }

        @Override
        public String toString() {
            return "loopback-only";
        }
    }
}
