package io.flinkcertify.harness.targets.kubernetes.emulated;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands every pod an address of its own in 127.0.0.0/8, as a CNI hands out pod IPs. Flink binds fixed ports
 * (6123, 6124, 8081) in every JobManager pod; with one address per pod two of them never collide. A runtime takes
 * a random /16 so two harness runs on one machine do not share addresses, and skips any address where Flink's
 * ports are already taken.
 */
final class PodAddresses {

    private static final int[] FLINK_PORTS = {6123, 6124, 8081};
    private final int block;
    private int next = 0;

    PodAddresses() {
        this(ThreadLocalRandom.current().nextInt(16, 250));
    }

    PodAddresses(int block) {
        if (block < 1 || block > 254) {
            throw new IllegalArgumentException("block must be in 1..254: " + block);
        }
        this.block = block;
    }

    synchronized String allocate() {
        for (int attempts = 0; attempts < 60_000; attempts++) {
            String ip = address(next++);
            if (free(ip)) {
                return ip;
            }
        }
        throw new IllegalStateException("no free pod address left in 127." + block + ".0.0/16");
    }

    /** The n-th address of the block, skipping network and broadcast-looking .0 and .255 host parts. */
    String address(int n) {
        int third = (n / 253) % 256;
        int fourth = n % 253 + 1;
        return "127." + block + "." + third + "." + fourth;
    }

    private static boolean free(String ip) {
        for (int port : FLINK_PORTS) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
