package io.msgsvc.kafka;

import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DashboardView;
import io.msgsvc.spi.BackgroundLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The following half of a {@link DashboardBroadcast}: one consumer per process, in no consumer group (so it takes no
 * partition from anyone and commits nothing), assigned every partition of the rows' topic and positioned at its end
 * before anything is read. A partition added later is read from its beginning, since all of it is new.
 */
final class DashboardRowFollower {
    private static final Logger log = LoggerFactory.getLogger(DashboardRowFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often the topic is asked for partitions added since. */
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final DashboardBroadcast.Settings settings;
    private final DashboardRowJson json;
    private final List<DashboardListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean following;
    /** Guarded by this. */
    private BackgroundLoop loop;

    private boolean closed;
    /** Used by the loop's thread only, apart from {@link KafkaConsumer#wakeup()}. */
    private volatile KafkaConsumer<String, byte[]> consumer;

    private long partitionsCheckedAt;

    DashboardRowFollower(DashboardBroadcast.Settings settings, DashboardRowJson json) {
        this.settings = settings;
        this.json = json;
    }

    DashboardBroadcast.Following add(DashboardListener listener) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the dashboard broadcast is closed");
            }
            listeners.add(listener);
            if (loop == null) {
                loop = BackgroundLoop.named("msgsvc-dashboard-follower")
                        .backoff(Duration.ofMillis(200), Duration.ofSeconds(10))
                        .onFailure(
                                (e, retryIn) -> log.warn("following dashboard rows failed; retrying in {}", retryIn, e))
                        .onStop(this::closeConsumer)
                        .start(this::followOnce);
            }
        }
        return () -> listeners.remove(listener);
    }

    boolean isFollowing() {
        return following;
    }

    private Duration followOnce() {
        if (!loop.isRunning()) {
            return Duration.ZERO; // stopping: no new consumer, no poll that a wakeup could no longer cut short
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c == null) {
            c = open();
            consumer = c;
            following = true;
        }
        try {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                tell(record);
            }
            if (System.nanoTime() - partitionsCheckedAt > PARTITION_CHECK.toNanos()) {
                assignPartitionsAddedSince(c);
            }
        } catch (WakeupException stopping) {
            return Duration.ZERO;
        } catch (RuntimeException e) {
            closeConsumer(); // a new consumer starts at the end again: rows meanwhile are missed, pages reload them
            throw e;
        }
        return Duration.ZERO;
    }

    /** A consumer at the end of every partition; the positions are resolved here, so no later row passes by. */
    private KafkaConsumer<String, byte[]> open() {
        if (settings.createTopic) {
            DashboardTopic.ensure(settings);
        }
        KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position);
            partitionsCheckedAt = System.nanoTime();
            return c;
        } catch (RuntimeException e) {
            c.close(Duration.ZERO);
            throw e;
        }
    }

    private void assignPartitionsAddedSince(KafkaConsumer<String, byte[]> c) {
        partitionsCheckedAt = System.nanoTime();
        Set<TopicPartition> assigned = c.assignment();
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : partitions(c)) {
            if (!assigned.contains(tp)) {
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            c.assign(all); // the partitions kept keep their positions
            c.seekToBeginning(added);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(settings.topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + settings.topic + " does not exist");
        }
        List<TopicPartition> partitions = new ArrayList<>(infos.size());
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        return partitions;
    }

    private void tell(ConsumerRecord<String, byte[]> record) {
        Header version = record.headers().lastHeader(DashboardRowJson.VERSION_HEADER);
        String v =
                version == null || version.value() == null ? null : new String(version.value(), StandardCharsets.UTF_8);
        DashboardView view;
        try {
            if (!Integer.toString(DashboardRowJson.VERSION).equals(v)) {
                throw new IllegalArgumentException("unsupported row version " + v);
            }
            view = json.decode(record.value());
        } catch (IllegalArgumentException unreadable) {
            // nothing to redo: the next row of the reservation, or the page's next read, brings its state
            log.warn(
                    "skipping dashboard row {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadable.getMessage());
            return;
        }
        for (DashboardListener listener : listeners) {
            try {
                listener.onChange(view);
            } catch (RuntimeException e) {
                log.warn("dashboard listener {} failed", listener, e);
            }
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: in no group
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // a call that waits on an absent broker gives way soon, so the loop retries and a close is not held up
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "msgsvc-dashboard-follower-" + ProcessHandle.current().pid());
        props.putAll(settings.consumerProperties);
        return props;
    }

    private void closeConsumer() {
        following = false;
        KafkaConsumer<String, byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("closing the dashboard follower failed", e);
            }
        }
    }

    void close() {
        BackgroundLoop current;
        synchronized (this) {
            closed = true;
            current = loop;
        }
        listeners.clear();
        if (current != null) {
            current.stop();
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup(); // not interrupt(): an interrupted Kafka client throws instead of closing cleanly
            }
            current.awaitStop(Duration.ofSeconds(15));
        }
    }
}
