package io.flinkcertify.performance;

import io.flinkcertify.harness.fault.proxy.FaultProxy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * What the fault proxy costs when it injects nothing: the round trip of a request (a ZooKeeper ping, a Kubernetes
 * API call, a Kafka fetch) to an echo upstream, and the throughput of a one-way stream (a Kafka producer's batches)
 * to a discarding upstream, each through the proxy and directly. The difference is the proxy's own cost; fault
 * evidence must not be dominated by it, and a Kafka path must not be limited by it.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FaultProxyBenchmark {

    @Param({"64", "65536"})
    public int messageBytes;

    private ServerSocket upstream;
    private ServerSocket discarding;
    private FaultProxy sinkProxy;
    private Socket streamDirect;
    private Socket streamProxied;
    private Thread echo;
    private FaultProxy proxy;
    private Socket direct;
    private Socket proxied;
    private byte[] message;
    private byte[] reply;

    @Setup(Level.Trial)
    public void start() throws IOException {
        upstream = new ServerSocket();
        upstream.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        echo = new Thread(this::echoEveryConnection, "benchmark-echo");
        echo.setDaemon(true);
        echo.start();
        proxy = FaultProxy.start((InetSocketAddress) upstream.getLocalSocketAddress(), 1);
        direct = connect(upstream.getLocalPort());
        proxied = connect(proxy.port());
        message = new byte[messageBytes];
        reply = new byte[messageBytes];
        discarding = new ServerSocket();
        discarding.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread drain = new Thread(this::discardEveryConnection, "benchmark-discard");
        drain.setDaemon(true);
        drain.start();
        sinkProxy = FaultProxy.start((InetSocketAddress) discarding.getLocalSocketAddress(), 1);
        streamDirect = connect(discarding.getLocalPort());
        streamProxied = connect(sinkProxy.port());
    }

    /** Reads and forgets everything, one thread per connection: the stream benchmarks' upstream. */
    private void discardEveryConnection() {
        serveEveryConnection(discarding, (in, out) -> {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // discarded
            }
        });
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port);
        s.setTcpNoDelay(true);
        return s;
    }

    /** One thread per connection: the benchmark opens two. */
    private void echoEveryConnection() {
        serveEveryConnection(upstream, (in, out) -> {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        });
    }

    @FunctionalInterface
    private interface Service {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    private static void serveEveryConnection(ServerSocket server, Service service) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        service.serve(in, out);
                    } catch (IOException closed) {
                        // the benchmark ended
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private byte[] roundTrip(Socket socket) throws IOException {
        socket.getOutputStream().write(message);
        new DataInputStream(socket.getInputStream()).readFully(reply);
        return reply;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public byte[] direct() throws IOException {
        return roundTrip(direct);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public byte[] throughProxy() throws IOException {
        return roundTrip(proxied);
    }

    /** One message written to a stream nobody answers: messages per second are the one-way throughput. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void streamDirect() throws IOException {
        streamDirect.getOutputStream().write(message);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void streamThroughProxy() throws IOException {
        streamProxied.getOutputStream().write(message);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        direct.close();
        proxied.close();
        streamDirect.close();
        streamProxied.close();
        proxy.close();
        sinkProxy.close();
        upstream.close();
        discarding.close();
    }
}
