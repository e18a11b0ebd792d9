package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.process.Netfilter;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.process.SocketTags;
import io.flinkcertify.harness.target.Instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network partition between two processes on this machine, in both directions, for connections open at the
 * fault's start and any opened during it; every other peer of either process is untouched.
 *
 * <p>Each side's sockets are tagged with a class id of its own ({@link SocketTags}). A packet from either side marks
 * its connection (conntrack) with that side's bit; a connection that carries both bits joins the two processes, and
 * its packets are dropped. Addresses cannot do this here: all local instances share 127.0.0.1.
 */
public final class ProcessPartition {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The DROP rule's position in the chain, for its packet counter. */
    private static final int DROP_RULE = 3;

    /** Why partitions cannot be made on this machine, or empty when they can. */
    public static Optional<String> unavailable() {
        return Netfilter.unavailable().or(() -> SocketTags.hierarchy().isPresent() ? Optional.empty()
                : Optional.of("the kernel offers no net_cls cgroup hierarchy to tag a process's sockets with"));
    }

    /** Cuts {@code victim} off from {@code peer} until the injection is closed. */
    public static Injection between(Fault fault, Instance victim, Instance peer) {
        if (victim.pid() <= 0 || peer.pid() <= 0) {
            throw new IllegalStateException("a partition needs both processes on this machine: " + victim + ", " + peer);
        }
        int n = SEQUENCE.incrementAndGet();
        String run = RunId.current().value();
        String chain = Netfilter.PREFIX + run.substring(run.length() - 4) + "-" + n; // iptables allows 28 characters
        // two fresh bits per partition, so a connection marked by an earlier one (same run) never matches this one
        int victimBit = 1 << (2 * (n % 16));
        int peerBit = victimBit << 1;
        int both = victimBit | peerBit;
        int victimClass = 0x00FC0000 | (2 * n - 1);
        int peerClass = 0x00FC0000 | (2 * n);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("between", List.of(victim.id(), peer.id()));
        evidence.put("pids", List.of(victim.pid(), peer.pid()));
        evidence.put("mechanism", "net_cls-tagged sockets, conntrack marks, DROP both ways");
        evidence.put("iptablesChain", chain);
        List<Path> groups = new ArrayList<>();
        RevertibleInjection injection = new RevertibleInjection(fault, evidence, () -> heal(chain, groups, evidence));
        try {
            Netfilter.install(chain, run, List.of(
                    List.of("-m", "cgroup", "--cgroup", hex(victimClass), "-j", "CONNMARK", "--or-mark", hex(victimBit)),
                    List.of("-m", "cgroup", "--cgroup", hex(peerClass), "-j", "CONNMARK", "--or-mark", hex(peerBit)),
                    List.of("-m", "connmark", "--mark", hex(both) + "/" + hex(both), "-j", "DROP")));
            // tagging after the rules exist: the first packet either side sends afterwards marks its connection
            groups.add(SocketTags.tag("flink-certify-" + run + "-" + n + "-a", victimClass, victim.pid()));
            groups.add(SocketTags.tag("flink-certify-" + run + "-" + n + "-b", peerClass, peer.pid()));
        } catch (RuntimeException e) {
            injection.close();
            throw e;
        }
        return injection;
    }

    private static void heal(String chain, List<Path> groups, Map<String, Object> evidence) {
        RuntimeException failure = null;
        try {
            evidence.put("packetsDropped", Netfilter.packets(chain, DROP_RULE));
        } catch (RuntimeException e) {
            evidence.put("packetsDropped", "unreadable: " + e.getMessage());
        }
        try {
            Netfilter.remove(chain);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Path group : groups) {
            try {
                SocketTags.untag(group);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    private ProcessPartition() {}
}
