package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.process.Netfilter;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.process.SocketTags;
import io.flinkcertify.harness.targets.Instance;

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
    /** The DROP rules' positions in the chain, for their packet counters. */
    private static final List<Integer> DROP_RULES = List.of(3, 4);

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
        int runHash = run.hashCode();
        String chain = Netfilter.PREFIX + String.format("%08x", runHash) + "-" + n; // iptables allows 28 characters
        // two bits per partition; marks stay on a connection after heal, but a DROP also needs the sending socket to
        // carry this partition's tag, so a stale mark of an earlier partition never cuts anything now
        int victimBit = 1 << (2 * (n % 16));
        int peerBit = victimBit << 1;
        int both = victimBit | peerBit;
        int classMajor = (0x8000 | (runHash & 0x7fff)) << 16; // per run: concurrent runs never share a tag
        int victimClass = classMajor | ((2 * n - 1) & 0xffff);
        int peerClass = classMajor | ((2 * n) & 0xffff);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("between", List.of(victim.id(), peer.id()));
        evidence.put("pids", List.of(victim.pid(), peer.pid()));
        evidence.put("mechanism", "net_cls-tagged sockets, conntrack marks, DROP both ways");
        evidence.put("iptablesChain", chain);
        List<Path> groups = new ArrayList<>();
        List<String> chains = new ArrayList<>(); // empty until the chain is ours: a name clash must not remove another's
        RevertibleInjection injection = new RevertibleInjection(fault, evidence, () -> heal(chains, groups, evidence));
        try {
            String mark = hex(both) + "/" + hex(both);
            Netfilter.install(chain, run, List.of(
                    List.of("-m", "cgroup", "--cgroup", hex(victimClass), "-j", "CONNMARK", "--or-mark", hex(victimBit)),
                    List.of("-m", "cgroup", "--cgroup", hex(peerClass), "-j", "CONNMARK", "--or-mark", hex(peerBit)),
                    List.of("-m", "cgroup", "--cgroup", hex(victimClass), "-m", "connmark", "--mark", mark, "-j", "DROP"),
                    List.of("-m", "cgroup", "--cgroup", hex(peerClass), "-m", "connmark", "--mark", mark, "-j", "DROP")));
            chains.add(chain);
            // tagging after the rules exist: the first packet either side sends afterwards marks its connection
            groups.add(SocketTags.tag("flink-certify-" + run + "-" + n + "-a", victimClass, victim.pid()));
            groups.add(SocketTags.tag("flink-certify-" + run + "-" + n + "-b", peerClass, peer.pid()));
        } catch (RuntimeException e) {
            throw injection.abort(e);
        }
        return injection;
    }

    private static void heal(List<String> chains, List<Path> groups, Map<String, Object> evidence) {
        RuntimeException failure = null;
        for (String chain : chains) {
            try {
                evidence.put("packetsDropped", Netfilter.packets(chain, DROP_RULES));
            } catch (RuntimeException e) {
                evidence.put("packetsDropped", "unreadable: " + e.getMessage());
            }
            try {
                Netfilter.remove(chain);
            } catch (RuntimeException e) {
                failure = e;
            }
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
