package io.flinkcertify.yarn;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The YARN side of the yarn-mini target, in a JVM of its own: a real ZooKeeper server and a MiniYARNCluster (real
 * ResourceManager, real NodeManagers launching real container processes), bound to loopback. When both are up it
 * writes the Hadoop configuration clients need and a {@code host.properties} file the harness waits for; SIGTERM
 * stops both (the NodeManagers kill their containers on the way).
 *
 * <p>MiniYARNCluster puts its NodeManager directories under {@code target/} of the working directory: start this
 * JVM in the target's workspace.
 *
 * <p>Usage: {@code MiniYarnHost <workDir> <nodeManagers> <nodeManagerMemoryMb> <applicationClasspath> [<zookeeperTickMs>]}
 * (tick 2000 ms unless given, as production ensembles run: sessions up to 20 ticks)
 */
public final class MiniYarnHost {

    public static final String READY_FILE = "host.properties";

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int nodeManagers = Integer.parseInt(args[1]);
        int nodeManagerMemoryMb = Integer.parseInt(args[2]);
        String applicationClasspath = args[3];
        int tickMs = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        Files.createDirectories(work);

        long t0 = System.nanoTime();
        ZooKeeperServer zookeeper = new ZooKeeperServer(work.resolve("zookeeper").toFile(),
                work.resolve("zookeeper").toFile(), tickMs);
        ServerCnxnFactory zookeeperEndpoint = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 200);
        zookeeperEndpoint.startup(zookeeper);
        long zookeeperMs = (System.nanoTime() - t0) / 1_000_000;

        long t1 = System.nanoTime();
        MiniYARNCluster yarn = new MiniYARNCluster("flink-certify", nodeManagers, 1, 1);
        yarn.init(yarnConfiguration(work, nodeManagerMemoryMb, applicationClasspath));
        yarn.start();
        long yarnMs = (System.nanoTime() - t1) / 1_000_000;

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                yarn.stop();
            } finally {
                zookeeperEndpoint.shutdown();
                zookeeper.shutdown();
                stopped.countDown();
            }
        }, "mini-yarn-host-stop"));

        Configuration effective = yarn.getConfig();
        Path hadoopConf = Path.of(hadoopConfDir(work));
        try (OutputStream out = new FileOutputStream(hadoopConf.resolve("yarn-site.xml").toFile())) {
            effective.writeXml(out);
        }
        // Flink's YARN client looks for core-site.xml too; the same settings serve both
        Files.copy(hadoopConf.resolve("yarn-site.xml"), hadoopConf.resolve("core-site.xml"),
                StandardCopyOption.REPLACE_EXISTING);

        Properties ready = new Properties();
        ready.setProperty("zookeeper.address", "127.0.0.1:" + zookeeperEndpoint.getLocalPort());
        ready.setProperty("resourcemanager.address", effective.get(YarnConfiguration.RM_ADDRESS));
        ready.setProperty("resourcemanager.webapp.address", effective.get(YarnConfiguration.RM_WEBAPP_ADDRESS));
        ready.setProperty("hadoop.conf.dir", hadoopConf.toString());
        ready.setProperty("nodemanagers", Integer.toString(nodeManagers));
        ready.setProperty("zookeeper.start.ms", Long.toString(zookeeperMs));
        ready.setProperty("zookeeper.tick.ms", Integer.toString(zookeeper.getTickTime()));
        ready.setProperty("zookeeper.max.session.ms", Integer.toString(zookeeper.getMaxSessionTimeout()));
        ready.setProperty("yarn.start.ms", Long.toString(yarnMs));
        Path tmp = work.resolve(READY_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ready.store(out, "written by MiniYarnHost when ZooKeeper and YARN are up");
        }
        Files.move(tmp, work.resolve(READY_FILE), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("mini-yarn-host ready: " + ready);
        stopped.await();
    }

    static YarnConfiguration yarnConfiguration(Path work, int nodeManagerMemoryMb, String applicationClasspath)
            throws IOException {
        YarnConfiguration conf = new YarnConfiguration();
        // everything on loopback: the harness never sends traffic elsewhere
        conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        conf.set("yarn.timeline-service.hostname", "127.0.0.1");
        conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, false);
        conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_USE_RPC, false);
        // containers are JVMs sized by Flink; YARN's memory policing would kill them for page-cache growth
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // a nearly full build disk must not mark the only NodeManager unhealthy
        conf.setBoolean("yarn.nodemanager.disk-health-checker.enable", false);
        conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
        conf.setInt(YarnConfiguration.NM_PMEM_MB, nodeManagerMemoryMb);
        conf.setInt(YarnConfiguration.NM_VCORES, 16);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, nodeManagerMemoryMb);
        // JobManager failover is a new application attempt: allow several
        conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 8);
        conf.set(YarnConfiguration.RM_SCHEDULER, "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
        // Hadoop resolves on this host from the project's own jars, not from a $HADOOP_HOME
        // (the configuration directory first, as $HADOOP_CONF_DIR is on a real cluster: it is written once YARN is up,
        // before any container starts)
        conf.set(YarnConfiguration.YARN_APPLICATION_CLASSPATH, hadoopConfDir(work) + ","
                + applicationClasspath.replace(File.pathSeparatorChar, ','));
        conf.set("fs.defaultFS", "file:///");
        conf.set(YarnConfiguration.NM_LOCAL_DIRS, dir(work, "nm-local"));
        conf.set(YarnConfiguration.NM_LOG_DIRS, dir(work, "nm-logs"));
        conf.set("hadoop.tmp.dir", dir(work, "hadoop-tmp"));
        conf.set("yarn.app.mapreduce.am.staging-dir", dir(work, "staging"));
        conf.setBoolean("yarn.webapp.ui2.enable", false);
        // a killed container must be noticed quickly: this is what "kill -> replacement" timings measure
        conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 250);
        conf.setLong("yarn.nodemanager.container-monitor.interval-ms", 1000);
        conf.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 250);
        return conf;
    }

    private static String hadoopConfDir(Path work) throws IOException {
        return dir(work, "hadoop-conf");
    }

    private static String dir(Path work, String name) throws IOException {
        return Files.createDirectories(work.resolve(name)).toAbsolutePath().toString();
    }

    private MiniYarnHost() {}
}
