package io.flinkcertify.harness.targets.kubernetes.emulated;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Server sockets whose connections send at once (TCP_NODELAY), for the mock API server. The mock writes a response's
 * head and body separately; with Nagle's algorithm the body waits for the client's delayed ACK of the head, 40 ms
 * on Linux: measured 45 ms per request against the mock (a ConfigMap get, or each half of Flink's get-and-replace),
 * a few milliseconds without. Every Kubernetes HA step of a JobManager (job graph, checkpoint counter, leader
 * entries) paid it, so k8s-emulated's submissions, restores and failovers measured the emulator, not Kubernetes.
 */
final class NoDelayServerSockets extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelay();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new NoDelay(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new NoDelay(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new NoDelay(port, backlog, address);
    }

    private static final class NoDelay extends ServerSocket {

        NoDelay() throws IOException {
            super();
        }

        NoDelay(int port, int backlog, InetAddress address) throws IOException {
            super(port, backlog, address);
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new Socket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
