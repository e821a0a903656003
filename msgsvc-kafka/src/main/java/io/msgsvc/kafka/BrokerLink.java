package io.msgsvc.kafka;

import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.TransportHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's way to the broker, made and watched in the background so that an engine starts, and sends, while
 * the broker is down: it makes the producer, creates the topics, then starts the consumers (a consumer subscribed
 * before would have the broker auto-create the topic with its default partitions), retrying until the broker
 * answers. Afterwards it asks the broker now and then whether it answers, for {@link #health()}; publishes tell it
 * too. The client settings are checked on start, so a mistaken one fails at once instead of being retried.
 */
final class BrokerLink {
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);
    /** How often a connected link asks the broker whether it still answers. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    /** The longest wait between attempts to connect. */
    static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final KafkaEventTransport.Settings settings;
    private final Runnable whenConnected;
    private final String name;
    private final Duration answerTimeout;
    private final BackgroundLoop loop;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean connected;
    /** Guarded by this: once closed, no producer is made again. */
    private boolean closed;

    private volatile TransportHealth health;
    /** Whether this outage was logged: once per outage, as the relay and the consumers say more while it lasts. */
    private volatile boolean outageLogged;
    /** Made and used on the loop's thread; closed by {@link #stop()} too, to cut a call to a silent broker short. */
    private volatile Admin admin;

    private Duration retryIn = Duration.ofMillis(100);

    BrokerLink(KafkaEventTransport.Settings settings, Runnable whenConnected) {
        this.settings = settings;
        this.whenConnected = whenConnected;
        this.name = "Kafka at " + settings.bootstrapServers;
        this.answerTimeout = settings.publishTimeout.compareTo(Duration.ofSeconds(10)) < 0
                ? settings.publishTimeout
                : Duration.ofSeconds(10);
        this.health = TransportHealth.unreachable(name, "not connected yet", Instant.now());
        this.loop = BackgroundLoop.named("msgsvc-kafka-link")
                .onFailure((e, retry) -> log.warn("{}: the broker link failed; retrying in {}", name, retry, e))
                .onStop(this::closeAdmin)
                .build(this::step);
    }

    /** Checks the client settings here, then connects in the background. */
    void start() {
        Properties producerSettings = producerProperties();
        producerSettings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerSettings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        new ProducerConfig(producerSettings);
        new AdminClientConfig(adminProperties());
        loop.start();
    }

    /**
     * The producer, once the producer is made and the topics exist. Waits for the first attempt to connect, as a
     * producer waits for the broker's metadata; once the broker is known to be down it answers at once, so an engine
     * that closes during an outage does not wait for it.
     *
     * @throws IllegalStateException when the link is not up: the caller (the relay) keeps its events and retries
     */
    KafkaProducer<String, byte[]> producer() throws InterruptedException {
        firstAttempt.await(answerTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        if (!connected) {
            throw new IllegalStateException(name + " not reachable yet: " + health.problem());
        }
        return producerOrNew();
    }

    /**
     * Closes a producer one of whose sends failed, at once: the sends still pending fail instead of reaching the
     * topic after the failed one (a reservation's later event there without its earlier one would have consumers
     * take the earlier for a repeat when it is published again). The next publish gets a new producer.
     */
    void abandon(KafkaProducer<String, byte[]> failed) {
        synchronized (this) {
            if (producer == failed) {
                producer = null;
            }
        }
        failed.close(Duration.ZERO); // also when close() is draining it: it must not send past the failure either
    }

    private synchronized KafkaProducer<String, byte[]> producerOrNew() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    TransportHealth health() {
        return health;
    }

    void published() {
        if (!health.reachable()) {
            reachable();
        }
    }

    void publishFailed(Throwable failure) {
        unreachable(failure);
    }

    /** Stops connecting and watching; the clients stay open until {@link #close()}. */
    void stop() {
        loop.stop();
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ZERO); // its calls in flight fail at once, so the loop need not wait for them
        }
        loop.awaitStop(answerTimeout.plusSeconds(5));
    }

    /** After {@link #stop()} and after the consumers, which dead-letter through the producer, stopped. */
    void close() {
        connected = false;
        KafkaProducer<String, byte[]> p;
        synchronized (this) {
            closed = true; // no producer made after this
            p = producer;
            producer = null;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
    }

    private Duration step() throws InterruptedException {
        if (!loop.isRunning()) {
            return Duration.ZERO;
        }
        try {
            producerOrNew();
            if (!connected) {
                if (settings.createTopics) {
                    createTopics(admin());
                } else {
                    askTheBroker(); // topics managed elsewhere: still, say reachable only once it answered
                }
                connected = true;
                reachable();
                firstAttempt.countDown();
                whenConnected.run();
            } else {
                askTheBroker();
                if (!health.reachable()) {
                    reachable();
                }
            }
            retryIn = Duration.ofMillis(100);
            return CHECK_INTERVAL;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            unreachable(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            firstAttempt.countDown();
            Duration wait = retryIn;
            retryIn = retryIn.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryIn.multipliedBy(2);
            return connected ? CHECK_INTERVAL : wait;
        }
    }

    private void askTheBroker() throws Exception {
        admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs()))
                .nodes()
                .get(answerTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    private void createTopics(Admin a) throws Exception {
        for (String topic : List.of(settings.topic, settings.deadLetterTopic)) {
            try {
                a.createTopics(
                                List.of(new NewTopic(
                                        topic, Optional.of(settings.partitions), settings.replicationFactor)),
                                new CreateTopicsOptions().timeoutMs(timeoutMs()))
                        .all()
                        .get(answerTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private void reachable() {
        if (outageLogged) {
            log.info("{} answers again", name);
            outageLogged = false;
        }
        health = TransportHealth.reachable(name, Instant.now());
    }

    private void unreachable(Throwable failure) {
        String problem = String.valueOf(failure);
        if (!outageLogged) {
            outageLogged = true;
            log.warn("{} does not answer; events wait in the outbox and consumers wait: {}", name, problem);
        }
        TransportHealth was = health;
        health = TransportHealth.unreachable(name, problem, was.reachable() ? Instant.now() : was.since());
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties());
        }
        return admin;
    }

    private void closeAdmin() {
        Admin a = admin;
        admin = null;
        if (a != null) {
            a.close(Duration.ofSeconds(5));
        }
    }

    private int timeoutMs() {
        return (int) answerTimeout.toMillis();
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        props.putIfAbsent(
                AdminClientConfig.CLIENT_ID_CONFIG,
                "msgsvc-link-" + ProcessHandle.current().pid());
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.publishTimeout.toMillis()));
        props.putIfAbsent(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(settings.publishTimeout.toMillis(), 10_000)));
        props.putIfAbsent(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(settings.publishTimeout.toMillis(), 10_000)));
        props.putAll(settings.producerProperties);
        // after the host's: a retried send never duplicates or reorders within a partition, which consumers that
        // deduplicate by outbox position rely on (the builder refuses these keys)
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG, "false"); // a reservation's events in one partition
        return props;
    }
}
