package io.msgsvc.kafka;

import io.msgsvc.jdbc.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The broker of {@code -Ptestcontainers}: one KRaft Kafka container (the apache/kafka image of the client's version)
 * started on first use and shared by every test class of the JVM; Testcontainers removes it when the JVM ends, so
 * {@link #close()} only leaves it running again.
 *
 * <p>A stopped broker is a paused container: it answers nobody, and once unpaused it serves on the same port with
 * its data, as the embedded broker does after a restart in place (a stopped and started container would come back
 * on another port, which the broker's advertised address would not match).
 */
final class ContainerKafka implements KafkaBroker {
    private static final int KAFKA_PORT = 9092;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Object LOCK = new Object();
    private static ContainerKafka shared;

    private final KafkaContainer container;
    private boolean paused;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka shared() {
        synchronized (LOCK) {
            if (shared == null) {
                TestServers.requireDocker();
                KafkaContainer container = new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion())
                        // the embedded cluster's settings that the container's own defaults do not cover
                        .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5")
                        .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5")
                        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
                try {
                    container.start();
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the Kafka container did not start", e);
                }
                shared = new ContainerKafka(container);
            }
            return shared;
        }
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public List<Integer> brokerIds() {
        return List.of(0);
    }

    @Override
    public void stop(int id) {
        requireOnlyBroker(id);
        synchronized (LOCK) {
            DockerClientFactory.instance()
                    .client()
                    .pauseContainerCmd(container.getContainerId())
                    .exec();
            paused = true;
        }
    }

    @Override
    public void restart(int id) {
        requireOnlyBroker(id);
        unpause();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka container did not serve again", e);
        }
    }

    @Override
    public int port(int id) {
        requireOnlyBroker(id);
        return container.getMappedPort(KAFKA_PORT);
    }

    /** Leaves the shared broker running (unpaused) for the next test class. */
    @Override
    public void close() {
        unpause();
    }

    private void unpause() {
        synchronized (LOCK) {
            if (paused) {
                DockerClientFactory.instance()
                        .client()
                        .unpauseContainerCmd(container.getContainerId())
                        .exec();
                paused = false;
            }
        }
    }

    private static void requireOnlyBroker(int id) {
        if (id != 0) {
            throw new IllegalArgumentException("no broker " + id + " in [0]: the Kafka container has one broker");
        }
    }
}
