package io.msgsvc.kafka;

import io.msgsvc.jdbc.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real KRaft Kafka broker for tests: Kafka's test kit inside the test JVM ({@link EmbeddedKafkaCluster}) by
 * default, or under {@code -Ptestcontainers} a Kafka container shared by the JVM's test classes
 * ({@link ContainerKafka}, which needs a Docker engine and says so when there is none).
 *
 * <p>{@link #stopBroker(int)} / {@link #restartBroker(int)} take a broker away and bring it back on the same port
 * with its data, so clients bootstrapped with {@link #bootstrapServers()} reconnect by themselves.
 */
public final class TestKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBroker broker;

    private TestKafka(KafkaBroker broker) {
        this.broker = broker;
    }

    /** One combined broker+controller node. */
    public static TestKafka start() {
        return start(1);
    }

    /** {@code brokers} brokers, the first of them combined with the only controller. */
    public static TestKafka start(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be >= 1: " + brokers);
        }
        if (!TestServers.inContainers()) {
            return new TestKafka(EmbeddedKafkaCluster.start(brokers));
        }
        if (brokers > 1) {
            throw new IllegalArgumentException(
                    "brokers must be 1 under -Ptestcontainers (one shared Kafka container): " + brokers);
        }
        return new TestKafka(ContainerKafka.shared());
    }

    /** {@code host:port[,host:port...]} of all brokers; unchanged by stop/restart. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Broker node ids (0 is the combined broker+controller node). */
    public List<Integer> brokerIds() {
        return broker.brokerIds();
    }

    /** Stops the broker of node 0 (the only one with {@link #start()}). */
    public void stopBroker() {
        stopBroker(0);
    }

    /** Starts the broker of node 0 again and waits until it serves. */
    public void restartBroker() {
        restartBroker(0);
    }

    /** Takes one broker away; its data and port are kept for {@link #restartBroker(int)}. */
    public void stopBroker(int id) {
        broker.stop(id);
    }

    /** Brings a stopped broker back (same data, same port) and waits until it is ready. */
    public void restartBroker(int id) {
        broker.restart(id);
    }

    /** The port the broker's clients connect to (only while it runs). */
    public int brokerPort(int id) {
        return broker.port(id);
    }

    /** An admin client for this cluster; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** Creates topics and waits until they exist. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            short replication = (short) Math.min(brokerIds().size(), 3);
            admin.createTopics(List.of(new NewTopic(name, partitions, replication)))
                    .all()
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Stops the embedded cluster and deletes its log dirs; a shared container is only left running. */
    @Override
    public void close() {
        broker.close();
    }
}
