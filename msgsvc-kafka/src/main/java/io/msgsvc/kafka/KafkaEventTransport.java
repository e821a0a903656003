package io.msgsvc.kafka;

import static io.msgsvc.kafka.KafkaSettingChecks.requireText;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.TransportHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Events across processes over Kafka. The relay publishes outbox events to one topic, keyed by reservation so one
 * reservation's events stay in order, as versioned JSON with the type in a header. Each projection role consumes
 * the topic in a consumer group of its own, in whichever process runs that role, committing offsets only after the
 * projection stored its effects; a redelivered event is absorbed by the projection's own deduplication. A record
 * that cannot be read goes to the dead-letter topic with the reason, and the consumer carries on. The broker may be
 * down on start: topics, producer and consumers are made in the background once it answers, the relay keeps events
 * in the outbox meanwhile, and {@link #health()} says the broker is unreachable.
 *
 * <pre>{@code
 * KafkaEventTransport kafka = KafkaEventTransport.builder("broker:9092").build();
 * Msgsvc.builder().storage(jdbc).eventTransport(kafka).roles(Role.SENDER, Role.RELAY)...
 * }</pre>
 */
public final class KafkaEventTransport implements EventTransport {
    static final String TYPE_HEADER = "msgsvc-type";
    static final String VERSION_HEADER = "msgsvc-version";
    static final String EVENT_ID_HEADER = "msgsvc-event-id";
    /** The event's outbox position, by which consumers recognise an event published again. */
    static final String POSITION_HEADER = "msgsvc-position";

    static final String REASON_HEADER = "msgsvc-dead-letter-reason";
    static final String SOURCE_HEADER = "msgsvc-dead-letter-source";
    static final String CONSUMER_HEADER = "msgsvc-dead-letter-consumer";

    private final Settings settings;
    private final EventJson json = new EventJson();
    private final Map<String, Consumer<List<OutboxEntry>>> subscribers = new LinkedHashMap<>();
    /** Guarded by itself: the consumers start on the broker link's thread. */
    private final List<ConsumerLoop> loops = new ArrayList<>();

    private volatile BrokerLink link;
    private boolean started;

    private KafkaEventTransport(Settings settings) {
        this.settings = settings;
    }

    /**
     * {@return a builder of a transport on the given brokers}
     *
     * @param bootstrapServers the brokers' {@code bootstrap.servers}, not blank
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** {@return the topic events are published to and consumed from} */
    public String topic() {
        return settings.topic;
    }

    /** {@return the topic unreadable records are moved to} */
    public String deadLetterTopic() {
        return settings.deadLetterTopic;
    }

    /**
     * {@return the consumer group a projection role, or several projected together, uses}
     *
     * @param consumerName the role's consumer name: "status", "billing", "statistics" or "dashboard"; for roles
     *     projected together their names joined with "+" ("billing+statistics+status+dashboard")
     */
    public String groupId(String consumerName) {
        return settings.groupIds.getOrDefault(consumerName, settings.groupIdPrefix + consumerName);
    }

    @Override
    public void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {
        subscribeEntries(consumerName, entries -> handler.accept(OutboxEntry.events(entries)));
    }

    @Override
    public synchronized void subscribeEntries(String consumerName, Consumer<List<OutboxEntry>> handler) {
        if (started) {
            throw new IllegalStateException("subscribe before start");
        }
        subscribers.put(consumerName, handler);
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        link = new BrokerLink(settings, this::startConsumers);
        link.start();
        started = true;
    }

    /** Whether the broker answered the last look; never waits for it. */
    @Override
    public TransportHealth health() {
        BrokerLink l = link;
        if (l == null) {
            return TransportHealth.unreachable("Kafka at " + settings.bootstrapServers, "not started", null);
        }
        return l.health();
    }

    private void startConsumers() {
        synchronized (loops) {
            subscribers.forEach((name, handler) -> {
                ConsumerLoop loop = new ConsumerLoop(name, groupId(name), handler, settings, json, this::deadLetter);
                loops.add(loop);
                loop.start();
            });
        }
    }

    @Override
    public void publish(List<ReservationEvent> events) throws Exception {
        publishEntries(OutboxEntry.unpositioned(events));
    }

    /** Sends in order, each event's outbox position in a header, and waits until the broker took every one. */
    @Override
    public void publishEntries(List<OutboxEntry> entries) throws Exception {
        BrokerLink l = link;
        if (l == null) {
            throw new IllegalStateException("transport not started");
        }
        EventRecords.publish(l, settings, json, entries);
    }

    private void deadLetter(ProducerRecord<String, byte[]> record) {
        try {
            link.producer().send(record).get(settings.publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + settings.deadLetterTopic, e);
        }
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.stop(); // first: no consumer starts after this
        }
        synchronized (loops) {
            loops.forEach(ConsumerLoop::stop);
            loops.forEach(ConsumerLoop::await);
            loops.clear();
        }
        if (link != null) {
            link.close();
            link = null;
        }
        started = false;
    }

    /** Frozen configuration. */
    static final class Settings {
        final String bootstrapServers;
        final String topic;
        final String deadLetterTopic;
        final int partitions;
        final Optional<Short> replicationFactor;
        final String groupIdPrefix;
        final Map<String, String> groupIds;
        final Map<String, Object> clientProperties;
        final Map<String, Object> producerProperties;
        final Map<String, Object> consumerProperties;
        final boolean createTopics;
        final Duration publishTimeout;
        final Duration pollTimeout;

        Settings(Builder b) {
            bootstrapServers = b.bootstrapServers;
            topic = b.topic;
            deadLetterTopic = b.deadLetterTopic != null ? b.deadLetterTopic : b.topic + ".dlq";
            partitions = b.partitions;
            replicationFactor = b.replicationFactor;
            groupIdPrefix = b.groupIdPrefix;
            groupIds = Map.copyOf(b.groupIds);
            clientProperties = Map.copyOf(b.clientProperties);
            producerProperties = Map.copyOf(b.producerProperties);
            consumerProperties = Map.copyOf(b.consumerProperties);
            createTopics = b.createTopics;
            publishTimeout = b.publishTimeout;
            pollTimeout = b.pollTimeout;
        }
    }

    /** Configures a {@link KafkaEventTransport}; the transport built keeps its own copy of the settings. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = "msgsvc.events";
        private String deadLetterTopic;
        private int partitions = 6;
        private Optional<Short> replicationFactor = Optional.empty();
        private String groupIdPrefix = "msgsvc-";
        private final Map<String, String> groupIds = new HashMap<>();
        private final Map<String, Object> clientProperties = new HashMap<>();
        private final Map<String, Object> producerProperties = new HashMap<>();
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private boolean createTopics = true;
        private Duration publishTimeout = Duration.ofSeconds(30);
        private Duration pollTimeout = Duration.ofMillis(200);

        private Builder(String bootstrapServers) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers must not be blank");
            }
            this.bootstrapServers = bootstrapServers;
        }

        /**
         * The events topic; default {@code msgsvc.events}.
         *
         * @param topic the topic name
         * @return this builder
         */
        public Builder topic(String topic) {
            this.topic = requireText("topic", topic);
            return this;
        }

        /**
         * Where unreadable records go; default the events topic + {@code .dlq}.
         *
         * @param topic the topic name
         * @return this builder
         */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = requireText("deadLetterTopic", topic);
            return this;
        }

        /**
         * Partitions of topics this transport creates; default 6.
         *
         * @param partitions at least 1
         * @return this builder
         */
        public Builder partitions(int partitions) {
            this.partitions = KafkaSettingChecks.partitions(partitions);
            return this;
        }

        /**
         * Replication of topics this transport creates; default the broker's.
         *
         * @param factor at least 1
         * @return this builder
         */
        public Builder replicationFactor(short factor) {
            this.replicationFactor = Optional.of(KafkaSettingChecks.replicationFactor(factor));
            return this;
        }

        /**
         * Create missing topics (default), in the background once the broker answers, before the consumers start; turn
         * off where topics are managed elsewhere.
         *
         * @param create whether to create missing topics
         * @return this builder
         */
        public Builder createTopics(boolean create) {
            this.createTopics = create;
            return this;
        }

        /**
         * Consumer groups are this prefix + the role ("msgsvc-billing"...), unless named one by one.
         *
         * @param prefix the prefix, may be empty
         * @return this builder
         */
        public Builder groupIdPrefix(String prefix) {
            this.groupIdPrefix = Objects.requireNonNull(prefix, "groupIdPrefix");
            return this;
        }

        /**
         * The consumer group of one role: "status", "billing", "statistics" or "dashboard", or of roles projected
         * together ("billing+statistics+status+dashboard").
         *
         * @param consumerName the role's consumer name, or the joined names
         * @param groupId      the group
         * @return this builder
         */
        public Builder groupId(String consumerName, String groupId) {
            groupIds.put(requireText("consumerName", consumerName), requireText("groupId", groupId));
            return this;
        }

        /**
         * A setting for every client (producer, consumers, admin): security, client.id, ...
         *
         * @param key   the Kafka client setting
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException for a blank key, or a producer setting msgsvc keeps fixed (see
         *     {@link #producerProperty}), naming it
         */
        public Builder clientProperty(String key, Object value) {
            KafkaSettingChecks.putProducerProperty(clientProperties, key, value);
            return this;
        }

        /**
         * A setting for the producer only, applied after msgsvc's own defaults (linger, batch size, compression,
         * timeouts). Idempotence, {@code acks=all}, the partitioner and transactions stay msgsvc's: they keep one
         * reservation's events in order and without a gap on the topic, which consumers deduplicating by outbox
         * position rely on.
         *
         * @param key   the Kafka producer setting
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException for a blank key, or one of the settings msgsvc keeps fixed, naming it
         */
        public Builder producerProperty(String key, Object value) {
            KafkaSettingChecks.putProducerProperty(producerProperties, key, value);
            return this;
        }

        /**
         * A setting for the projections' consumers only, applied after msgsvc's own, so it can override even
         * {@code enable.auto.commit=false}, which moves offsets only after an event's effects are stored.
         *
         * @param key   the Kafka consumer setting
         * @param value its value
         * @return this builder
         */
        public Builder consumerProperty(String key, Object value) {
            KafkaSettingChecks.putProperty(consumerProperties, key, value);
            return this;
        }

        /**
         * How long one publish (a relay's batch, which may hold the relay's outbox transaction) may wait for the broker
         * before the relay retries; default 30 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder publishTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("publishTimeout must be positive");
            }
            this.publishTimeout = timeout;
            return this;
        }

        /**
         * Builds the transport; it connects when the engine starts it.
         *
         * @return the transport
         */
        public KafkaEventTransport build() {
            return new KafkaEventTransport(new Settings(this));
        }
    }
}
