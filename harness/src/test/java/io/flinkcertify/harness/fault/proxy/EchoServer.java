package io.flinkcertify.harness.fault.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The upstream for proxy tests: echoes what it reads as it reads it, or (reply-after-EOF mode) collects until the
 * client half-closes and only then answers, which is what proves that a half-close travels through the proxy while
 * the other direction keeps flowing. Blocking I/O and a thread per connection are fine for a test fixture.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final boolean replyAfterEof;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private EchoServer(boolean replyAfterEof) throws IOException {
        this.replyAfterEof = replyAfterEof;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        this.acceptor = new Thread(this::acceptLoop, "echo-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EchoServer echo() throws IOException {
        return new EchoServer(false);
    }

    static EchoServer replyAfterEof() throws IOException {
        return new EchoServer(true);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                Thread t = new Thread(() -> serve(s), "echo-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (replyAfterEof) {
                    collected.write(buffer, 0, n);
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            if (replyAfterEof) {
                out.write(collected.toByteArray());
                out.flush();
            }
            s.shutdownOutput();
        } catch (IOException e) {
            // the proxy reset the connection: expected in fault tests
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
