package io.flinkcertify.harness.fault.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of what the proxy did since it started or since the last {@link FaultProxy#resetStats()}. This, not
 * the configured toxics, is what a fault's evidence should report.
 *
 * @param connectionsAccepted     every connection the listener accepted, including those reset at once
 * @param connectionsReset        connections the proxy closed with RST because a {@link Toxic.Reset} or
 *                                {@link Toxic.Outage} was active; connects refused by the kernel while the listener
 *                                is down never reach the proxy and are not counted
 * @param upstreamConnectFailures accepted connections dropped because the upstream refused or failed the connect
 * @param openConnections         connections currently open (not reset by {@link FaultProxy#resetStats()})
 * @param listening               false during an {@link Toxic.Outage}, or if rebinding after one failed
 */
public record ProxyStats(Flow upstream, Flow downstream, long connectionsAccepted, long connectionsReset,
                         long upstreamConnectFailures, int openConnections, boolean listening) {

    /**
     * One direction of traffic, summed over all connections.
     *
     * @param bytesRead    read from the sending side
     * @param bytesWritten written to the receiving side (bytes still held back by a toxic are in neither)
     * @param bytesDropped read and discarded by a {@link Toxic.Blackhole}
     * @param addedDelay   per chunk: from the moment it was read until its write to the other side started
     */
    public record Flow(long bytesRead, long bytesWritten, long bytesDropped, DelaySummary addedDelay) {

        public Map<String, Object> toEvidence() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytesRead", bytesRead);
            m.put("bytesWritten", bytesWritten);
            m.put("bytesDropped", bytesDropped);
            m.put("addedDelay", addedDelay.toEvidence());
            return m;
        }
    }

    public Flow flow(Direction direction) {
        return switch (direction) {
            case UPSTREAM -> upstream;
            case DOWNSTREAM -> downstream;
            case BOTH -> throw new IllegalArgumentException("stats are kept per flow: UPSTREAM or DOWNSTREAM");
        };
    }

    /** Shape for {@link io.flinkcertify.harness.fault.Injection#evidence()}. */
    public Map<String, Object> toEvidence() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upstream", upstream.toEvidence());
        m.put("downstream", downstream.toEvidence());
        m.put("connectionsAccepted", connectionsAccepted);
        m.put("connectionsReset", connectionsReset);
        m.put("upstreamConnectFailures", upstreamConnectFailures);
        m.put("openConnections", openConnections);
        m.put("listening", listening);
        return m;
    }
}
