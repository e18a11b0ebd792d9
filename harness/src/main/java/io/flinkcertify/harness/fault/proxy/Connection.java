package io.flinkcertify.harness.fault.proxy;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One client connection and its upstream twin: owns both sockets, their selection keys and the two pipes, and
 * turns the pipes' wishes into interest ops. Selector thread only.
 */
final class Connection {

    private final ProxyLoop loop;
    private final SocketChannel client;
    private final SocketChannel server;
    private final SelectionKey clientKey;
    private final SelectionKey serverKey;
    private final Pipe up;
    private final Pipe down;
    private boolean established;
    private boolean closed;

    private Connection(ProxyLoop loop, SocketChannel client, SocketChannel server, Selector selector) throws IOException {
        this.loop = loop;
        this.client = client;
        this.server = server;
        this.up = new Pipe(Direction.UPSTREAM, client, server, this, loop);
        this.down = new Pipe(Direction.DOWNSTREAM, server, client, this, loop);
        this.clientKey = client.register(selector, 0, this);
        this.serverKey = server.register(selector, 0, this);
    }

    /**
     * Starts the upstream connect for an accepted client. The client is not read until the upstream is connected,
     * so its first bytes wait in the kernel rather than in the proxy.
     */
    static Connection open(ProxyLoop loop, SocketChannel client, Selector selector) throws IOException {
        SocketChannel server = SocketChannel.open();
        try {
            client.configureBlocking(false);
            server.configureBlocking(false);
            // Nagle would hold small writes back after the proxy measured them as sent: delay it cannot see.
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection c = new Connection(loop, client, server, selector);
            if (server.connect(loop.upstream())) {
                c.established();
            } else {
                c.serverKey.interestOps(SelectionKey.OP_CONNECT);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    void onReady(SelectionKey key) throws IOException {
        if (closed || !key.isValid()) {
            return; // the other socket's event earlier in this select round already ended the connection
        }
        boolean fromClient = key == clientKey;
        if (!fromClient && key.isConnectable()) {
            boolean connected;
            try {
                connected = server.finishConnect();
            } catch (IOException e) {
                loop.upstreamFailed(this);
                return;
            }
            if (connected) {
                established();
            }
            return;
        }
        if (key.isReadable()) {
            (fromClient ? up : down).onReadable();
        }
        if (!closed && key.isValid() && key.isWritable()) {
            (fromClient ? down : up).flush();
        }
    }

    /** A held-back chunk of one of the pipes became due. */
    void onTimer(Pipe pipe) throws IOException {
        if (!closed) {
            pipe.flush();
        }
    }

    void toxicsChanged() throws IOException {
        if (!closed && established) {
            up.toxicsChanged();
            down.toxicsChanged();
            updateInterest();
        }
    }

    /** Recomputes interest ops; closes the connection once both directions delivered their end of stream. */
    void updateInterest() {
        if (closed || !established) {
            return;
        }
        if (up.finished() && down.finished()) {
            close();
            return;
        }
        clientKey.interestOps((up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0));
        serverKey.interestOps((down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0));
    }

    /** Orderly close (FIN) of both sides; used when both directions ended, and at proxy shutdown. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(client);
        closeQuietly(server);
        loop.forget(this);
    }

    /**
     * Both sides get an RST. Used for Reset/Outage toxics and when one side failed: a FIN would tell the other side
     * the stream ended cleanly, which is a lie after data was lost.
     */
    void abort() {
        if (closed) {
            return;
        }
        closed = true;
        resetQuietly(client);
        resetQuietly(server);
        loop.forget(this);
    }

    boolean isClosed() {
        return closed;
    }

    private void established() throws IOException {
        established = true;
        updateInterest();
    }

    static void resetQuietly(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException ignored) {
            // an unconnected or already failed socket cannot linger; closing it is all that is left
        }
        closeQuietly(channel);
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
