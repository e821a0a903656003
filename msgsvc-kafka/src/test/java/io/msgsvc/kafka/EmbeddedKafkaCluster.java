package io.msgsvc.kafka;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft Kafka cluster inside the test JVM, built on Kafka's own {@link KafkaClusterTestKit}.
 *
 * <p>Node 0 runs in combined mode (broker and controller in one node); further brokers, if any,
 * are broker-only nodes 1..n-1. Log dirs live in a fresh temp directory ({@code /tmp/kafka-*})
 * that is deleted on {@link #close()}.
 *
 * <p>{@link #stop(int)} / {@link #restart(int)} shut down and start up the broker
 * side of a node in place: its log dirs are kept and it listens on the same port again, so
 * clients bootstrapped with {@link #bootstrapServers()} reconnect by themselves. In combined
 * mode the controller (and the KRaft metadata log) of node 0 keeps running while its broker is
 * down.
 */
final class EmbeddedKafkaCluster implements KafkaBroker {

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        // computed once: KafkaClusterTestKit.bootstrapServers() asks live brokers for their
        // bound ports; the ports stay the same across stop/restart
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** {@code brokers} brokers, the first of them combined with the only controller. */
    static EmbeddedKafkaCluster start(int brokers) {
        short replication = (short) Math.min(brokers, 3);
        KafkaClusterTestKit cluster = null;
        try {
            // what a real 4.x broker runs by default: the latest *production* metadata.version
            // and feature levels (the test kit's default is the unstable latestTesting())
            MetadataVersion version = MetadataVersion.latestProduction();
            Map<String, Short> features = new TreeMap<>();
            for (Feature feature : Feature.PRODUCTION_FEATURES) {
                features.put(feature.featureName(), feature.defaultLevel(version));
            }
            TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromVersions(version, features, "testkit"))
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(brokers)
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    // internal topics must fit on the cluster (the defaults assume 3 brokers)
                    .setConfigProp("offsets.topic.replication.factor", Short.toString(replication))
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", Short.toString(replication))
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", Short.toString(replication))
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("default.replication.factor", Short.toString(replication))
                    .setConfigProp("min.insync.replicas", "1")
                    // consumer groups start at once instead of waiting 3 s for more members
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // a restarted broker can only register once the controller has expired the
                    // session of its previous incarnation (default 9 s): keep that short
                    .setConfigProp("broker.session.timeout.ms", "2000")
                    .setConfigProp("broker.heartbeat.interval.ms", "500")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaCluster(cluster);
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Kafka test cluster did not start", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public List<Integer> brokerIds() {
        return cluster.brokers().keySet().stream().sorted().toList();
    }

    /** Controlled shutdown of one broker; its log dirs and port are kept for {@link #restart(int)}. */
    @Override
    public void stop(int id) {
        broker(id).shutdown();
    }

    /** Starts a stopped broker in place (same log dirs, same port) and waits until it is ready. */
    @Override
    public void restart(int id) {
        BrokerServer broker = broker(id);
        broker.startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("broker " + id + " did not become ready", e);
        }
    }

    /** The port the broker's client listener is bound to (only while it runs). */
    @Override
    public int port(int id) {
        return broker(id).boundPort(cluster.nodes().brokerListenerName());
    }

    /** Stops everything and deletes the log dirs. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test cluster did not close cleanly", e);
        }
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException(
                    "no broker " + id + " in " + cluster.brokers().keySet());
        }
        return broker;
    }
}
