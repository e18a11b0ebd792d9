package io.flinkcertify.harness.components;

import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.process.ClasspathFile;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.process.PortAllocator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller), in a JVM of its own on loopback,
 * shared by every job of the run that needs one, the way a team's jobs share their Kafka cluster. Started on first
 * use, closed by the global teardown, halted by its watchdog if the harness dies.
 *
 * <p>It has two client listeners. A job whose run injects Kafka faults reaches it through {@link #jobsBootstrap()},
 * the address of a harness {@link FaultProxy}: the broker advertises that address on the {@code JOBS} listener, so
 * every connection the job's producers and consumers open passes the proxy, and a Kafka outage or latency is a toxic
 * on it. The harness itself (loading inputs, reading outputs with read_committed) and every other job use the
 * {@code HARNESS} listener ({@link #harnessBootstrap()}) directly: a fault never hides what a job committed, and the
 * proxy's own cost is never measured with the platform.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH = "flink-certify/kafka-broker-classpath.txt";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static KafkaBroker shared;

    private final Workspace workspace;
    private final ManagedProcess process;
    private final FaultProxy jobsPath;
    private final InetSocketAddress harnessListener;
    private final long startMillis;

    private KafkaBroker(Workspace workspace, ManagedProcess process, FaultProxy jobsPath,
                        InetSocketAddress harnessListener, long startMillis) {
        this.workspace = workspace;
        this.process = process;
        this.jobsPath = jobsPath;
        this.harnessListener = harnessListener;
        this.startMillis = startMillis;
    }

    /** The run's broker, started now if it is not running. */
    public static synchronized KafkaBroker shared(Path workRoot) {
        if (shared == null || !shared.process.isAlive()) {
            KafkaBroker started = start(workRoot, START_TIMEOUT);
            shared = started;
            Teardown.global().register("Kafka broker " + started.process, () -> {
                synchronized (KafkaBroker.class) {
                    if (shared == started) {
                        shared = null;
                    }
                }
                started.close();
            });
        }
        return shared;
    }

    static KafkaBroker start(Path workRoot, Duration timeout) {
        Workspace workspace = Workspace.create(workRoot, "kafka-broker");
        PortAllocator ports = PortAllocator.shared();
        InetSocketAddress jobs = loopback(ports.next());
        InetSocketAddress harness = loopback(ports.next());
        InetSocketAddress controller = loopback(ports.next());
        // the proxy first: its port is what the broker advertises to jobs
        FaultProxy proxy = FaultProxy.start(jobs, ports.next(), jobs.getPort());
        ManagedProcess process = null;
        try {
            Path conf = workspace.dir("conf");
            FlinkJvm.writeLogConfig(conf);
            Path serverProperties = conf.resolve("server.properties");
            write(serverProperties, serverProperties(workspace.dir("data"), jobs, harness, controller, proxy.address()));
            List<Path> classpath = ClasspathFile.read(CLASSPATH);
            Progress.say("kafka", "starting a Kafka broker (KRaft) ...");
            long t0 = System.nanoTime();
            // formatting the log directory is the storage tool's job, as kafka-storage.sh does it before the first start
            ManagedProcess format = ManagedProcess.start("kafka-storage-format", command(classpath, conf, workspace,
                    "kafka.tools.StorageTool", List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                            serverProperties.toString(), "--ignore-formatted")), workspace.root().resolve("format.out"));
            int formatted = format.awaitExit(timeout).orElseThrow(() -> new IllegalStateException(
                    "the Kafka storage tool did not finish within " + timeout.toSeconds() + " s"));
            if (formatted != 0) {
                throw new IllegalStateException("the Kafka storage tool failed (exit " + formatted + "): "
                        + format.logTail(3).replace('\n', ' '));
            }
            ManagedProcess broker = ManagedProcess.start("kafka-broker", command(classpath, conf, workspace,
                    "kafka.Kafka", List.of(serverProperties.toString())), workspace.root().resolve("kafka-broker.out"));
            process = broker;
            try (Admin admin = admin(harness)) {
                Waits.until("the Kafka broker to serve its cluster", timeout,
                        () -> nodes(admin), n -> n > 0,
                        n -> broker.isAlive() ? Optional.empty()
                                : Optional.of("the Kafka broker JVM exited: " + broker.logTail(3).replace('\n', ' ')));
            }
            long startMillis = (System.nanoTime() - t0) / 1_000_000;
            Progress.say("kafka", String.format("Kafka broker up in %.1f s (jobs through %s, harness %s)",
                    startMillis / 1000.0, proxy.address(), harness));
            return new KafkaBroker(workspace, broker, proxy, harness, startMillis);
        } catch (RuntimeException e) {
            if (process != null) {
                process.close();
            }
            proxy.close();
            workspace.close();
            throw new ComponentException("kafka: the broker did not start: " + e.getMessage(), e);
        }
    }

    /** The longest transaction.timeout.ms a producer may ask for here: Kafka's default, as production brokers run. */
    public static final long TRANSACTION_MAX_TIMEOUT_MS = 900_000;

    /**
     * One node that is broker and controller; transactions, offsets and their state logs sized for one replica,
     * and a transaction timeout ceiling of 15 minutes (Kafka's default, which a job's sink must stay under).
     */
    static String serverProperties(Path data, InetSocketAddress jobs, InetSocketAddress harness,
                                   InetSocketAddress controller, InetSocketAddress jobsAdvertised) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + hostPort(controller),
                "listeners=JOBS://" + hostPort(jobs) + ",HARNESS://" + hostPort(harness) + ",CONTROLLER://" + hostPort(controller),
                "advertised.listeners=JOBS://" + hostPort(jobsAdvertised) + ",HARNESS://" + hostPort(harness),
                "listener.security.protocol.map=JOBS:PLAINTEXT,HARNESS:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=HARNESS",
                "controller.listener.names=CONTROLLER",
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "transaction.max.timeout.ms=" + TRANSACTION_MAX_TIMEOUT_MS,
                "auto.create.topics.enable=true",
                "");
    }

    private static JavaCommand command(List<Path> classpath, Path conf, Workspace workspace, String main, List<String> args) {
        return JavaCommand.ofCurrentJvm()
                .withClasspath(classpath)
                .withJvmOptions(List.of("-Xmx512m", "-Xms64m"))
                .withSystemProperty("log.file", workspace.root().resolve("kafka-broker.log").toString())
                .withSystemProperty("log4j2.configurationFile", conf.resolve("log4j.properties").toUri().toString())
                .withSystemProperty("kafka.logs.dir", workspace.dir("logs").toString())
                .withMainClass(main)
                .withArguments(args)
                .withWorkingDirectory(workspace.root());
    }

    private static int nodes(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            return 0; // not up yet
        }
    }

    static Admin admin(InetSocketAddress address) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hostPort(address),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    /** The bootstrap address a job gets ({@code ${kafka.bootstrap}}) when its run injects Kafka faults: the proxy. */
    public String jobsBootstrap() {
        return hostPort(jobsPath.address());
    }

    /** The proxy every job connection passes: what a Kafka outage or latency acts on. */
    public FaultProxy jobsPath() {
        return jobsPath;
    }

    /** The listener behind no proxy: the harness's, and jobs' whose run injects no Kafka fault. */
    public String harnessBootstrap() {
        return hostPort(harnessListener);
    }

    /** Topics on this broker, through the harness's listener. */
    public KafkaTopics topics() {
        return new KafkaTopics(harnessBootstrap());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Measured start-up and where it listens, for the run record. */
    public Map<String, Object> facts() {
        return Map.of("kafkaBrokerStartMs", startMillis, "kafkaBootstrapForJobs", jobsBootstrap(),
                "kafkaBrokerPid", process.pid());
    }

    public Path log() {
        return workspace.root().resolve("kafka-broker.log");
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            try {
                jobsPath.close();
            } finally {
                workspace.close();
            }
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
