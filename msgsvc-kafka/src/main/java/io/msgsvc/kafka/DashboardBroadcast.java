package io.msgsvc.kafka;

import static io.msgsvc.kafka.KafkaSettingChecks.requireText;

import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DashboardView;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Live dashboard rows for every replica of a web front end. The engine that plays the dashboard role is told of each
 * row after the projection's transaction committed; registered there as a {@link DashboardListener}, this publishes
 * the row to a topic of its own (keyed by reservation, so one reservation's rows stay in order). Every replica that
 * {@linkplain #follow follows} reads that topic with a consumer of its own, in no consumer group, from the latest
 * offset: a page reads the current rows from the database and then follows live. So each replica hears exactly the
 * committed rows, whichever node projected them.
 *
 * <pre>{@code
 * DashboardBroadcast broadcast = DashboardBroadcast.builder("broker:9092").build();
 * // the node that plays DASHBOARD publishes
 * Msgsvc.builder().eventTransport(kafka).roles(Role.DASHBOARD).dashboardListener(broadcast)...
 * // every web replica follows
 * DashboardBroadcast.Following following = broadcast.follow(view -> page.push(view));
 * }</pre>
 *
 * <p>Live rows are a courtesy, not a record: the database holds the rows. Publishing never holds up the projection
 * (rows wait in a bounded queue that keeps each reservation's newest row, sent by a thread of its own, and while the
 * broker is away the oldest reservations' rows give way); a row seen twice is harmless, as each carries its whole
 * state. The topic is created when missing, compacted to each reservation's newest row and kept for
 * {@link Builder#retention(Duration) a day}: followers start at its end, so it needs no history.
 */
public final class DashboardBroadcast implements DashboardListener, AutoCloseable {
    /** The topic unless {@link Builder#topic(String)} names another. */
    public static final String DEFAULT_TOPIC = "msgsvc.dashboard";

    private final Settings settings;
    private final DashboardRowPublisher publisher;
    private final DashboardRowFollower follower;

    private DashboardBroadcast(Settings settings) {
        this.settings = settings;
        DashboardRowJson json = new DashboardRowJson();
        this.publisher = new DashboardRowPublisher(settings, json);
        this.follower = new DashboardRowFollower(settings, json);
    }

    /**
     * A broadcast over these brokers.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @return a builder with the defaults
     */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return the topic of the rows */
    public String topic() {
        return settings.topic;
    }

    /**
     * Publishes a committed row: queues it and returns at once (the producer and its thread start with the first).
     *
     * @param view the row as committed
     */
    @Override
    public void onChange(DashboardView view) {
        publisher.offer(Objects.requireNonNull(view, "view"));
    }

    /**
     * Tells {@code listener} every row published from now on, on the follower's thread (keep it quick). The first
     * call starts the follower: it positions itself at the end of the topic, then reads on.
     *
     * @param listener told of each row
     * @return closing it stops telling this listener
     * @throws IllegalStateException once the broadcast is closed
     */
    public Following follow(DashboardListener listener) {
        return follower.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Whether the follower is positioned at the topic's end: from then on no published row passes it by. A page
     * that opens before then may miss the rows published meanwhile.
     *
     * @return true once following
     */
    public boolean isFollowing() {
        return follower.isFollowing();
    }

    /** Stops publishing and following; rows still queued are dropped (pages read the database on reconnect). */
    @Override
    public void close() {
        publisher.close();
        follower.close();
    }

    /** A listener's place among the followers. */
    @FunctionalInterface
    public interface Following extends AutoCloseable {
        /** Stops telling the listener. */
        @Override
        void close();
    }

    /** Frozen configuration. */
    static final class Settings {
        final String bootstrapServers;
        final String topic;
        final int partitions;
        final Optional<Short> replicationFactor;
        final boolean createTopic;
        final Duration retention;
        final int pendingRows;
        final Map<String, Object> clientProperties;
        final Map<String, Object> producerProperties;
        final Map<String, Object> consumerProperties;

        private Settings(Builder b) {
            bootstrapServers = b.bootstrapServers;
            topic = b.topic;
            partitions = b.partitions;
            replicationFactor = b.replicationFactor;
            createTopic = b.createTopic;
            retention = b.retention;
            pendingRows = b.pendingRows;
            clientProperties = Map.copyOf(b.clientProperties);
            producerProperties = Map.copyOf(b.producerProperties);
            consumerProperties = Map.copyOf(b.consumerProperties);
        }
    }

    /** Configures a {@link DashboardBroadcast}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private int partitions = 6;
        private Optional<Short> replicationFactor = Optional.empty();
        private boolean createTopic = true;
        private Duration retention = Duration.ofDays(1);
        private int pendingRows = 10_000;
        private final Map<String, Object> clientProperties = new HashMap<>();
        private final Map<String, Object> producerProperties = new HashMap<>();
        private final Map<String, Object> consumerProperties = new HashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = requireText("bootstrapServers", bootstrapServers);
        }

        /**
         * The rows' topic; default {@value DashboardBroadcast#DEFAULT_TOPIC}.
         *
         * @param topic the topic name
         * @return this builder
         */
        public Builder topic(String topic) {
            this.topic = requireText("topic", topic);
            return this;
        }

        /**
         * Partitions of the topic when this creates it; default 6.
         *
         * @param partitions at least 1
         * @return this builder
         */
        public Builder partitions(int partitions) {
            this.partitions = KafkaSettingChecks.partitions(partitions);
            return this;
        }

        /**
         * Replication of the topic when this creates it; default the broker's.
         *
         * @param factor at least 1
         * @return this builder
         */
        public Builder replicationFactor(short factor) {
            this.replicationFactor = Optional.of(KafkaSettingChecks.replicationFactor(factor));
            return this;
        }

        /**
         * Create the topic when missing (default); turn off where topics are managed elsewhere.
         *
         * @param create whether to create the topic when missing
         * @return this builder
         */
        public Builder createTopic(boolean create) {
            this.createTopic = create;
            return this;
        }

        /**
         * How long the topic this creates keeps rows ({@code retention.ms}); default a day.
         *
         * @param retention positive
         * @return this builder
         */
        public Builder retention(Duration retention) {
            if (retention == null || retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * Reservations whose rows may wait to be published; beyond, the oldest gives way. Default 10 000.
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder pendingRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("pendingRows must be >= 1, was " + rows);
            }
            this.pendingRows = rows;
            return this;
        }

        /**
         * A setting for every client (producer, consumer, admin): security, ...
         *
         * @param key   the Kafka client setting
         * @param value its value
         * @return this builder
         */
        public Builder clientProperty(String key, Object value) {
            KafkaSettingChecks.putProperty(clientProperties, key, value);
            return this;
        }

        /**
         * A setting for the producer only, applied after msgsvc's own.
         *
         * @param key   the Kafka producer setting
         * @param value its value
         * @return this builder
         */
        public Builder producerProperty(String key, Object value) {
            KafkaSettingChecks.putProperty(producerProperties, key, value);
            return this;
        }

        /**
         * A setting for the follower's consumer only, applied after msgsvc's own.
         *
         * @param key   the Kafka consumer setting
         * @param value its value
         * @return this builder
         */
        public Builder consumerProperty(String key, Object value) {
            KafkaSettingChecks.putProperty(consumerProperties, key, value);
            return this;
        }

        /** @return the broadcast; it starts no thread and opens no connection until it publishes or follows */
        public DashboardBroadcast build() {
            return new DashboardBroadcast(new Settings(this));
        }
    }
}
