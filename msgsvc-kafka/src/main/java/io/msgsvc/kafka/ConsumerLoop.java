package io.msgsvc.kafka;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One projection role's consumer: applies a poll's records as one batch (each partition's in order), in one
 * transaction, and commits the offsets only after the effects are stored. When the batch fails it applies each
 * partition alone, so a partition whose events fail for good holds back only itself; what failed (say, the database
 * is down) is sought back and retried with backoff, so nothing is skipped; a record that can never be read
 * is dead-lettered instead, so it never stalls a partition. A consumer that fails in an unexpected way is closed and
 * a new one made after the backoff: the loop never gives up.
 */
final class ConsumerLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    private final String consumerName;
    private final String groupId;
    private final Consumer<List<OutboxEntry>> handler;
    private final KafkaEventTransport.Settings settings;
    private final EventJson json;
    private final Consumer<ProducerRecord<String, byte[]>> deadLetter;
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
    /** Offsets already dead-lettered in partitions whose poll is not applied yet: not sent again on a retry. */
    private final Map<TopicPartition, Set<Long>> deadLettered = new HashMap<>();

    private volatile BackgroundLoop loop;
    /** Used by the loop's thread only, apart from {@link KafkaConsumer#wakeup()}. */
    private volatile KafkaConsumer<String, byte[]> consumer;

    ConsumerLoop(
            String consumerName,
            String groupId,
            Consumer<List<OutboxEntry>> handler,
            KafkaEventTransport.Settings settings,
            EventJson json,
            Consumer<ProducerRecord<String, byte[]>> deadLetter) {
        this.consumerName = consumerName;
        this.groupId = groupId;
        this.handler = handler;
        this.settings = settings;
        this.json = json;
        this.deadLetter = deadLetter;
    }

    void start() {
        loop = BackgroundLoop.named("msgsvc-kafka-" + consumerName)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .onFailure((e, retryIn) -> log.warn("{}: consuming failed; retrying in {}", consumerName, retryIn, e))
                .onStop(this::closeConsumer)
                .build(this::pollOnce);
        loop.start();
    }

    void stop() {
        loop.stop();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup(); // not interrupt(): an interrupted Kafka client throws instead of closing cleanly
        }
    }

    void await() {
        loop.awaitStop(Duration.ofSeconds(30));
    }

    /** One poll: its records applied as one batch, then their offsets committed. */
    private Duration pollOnce() {
        if (!loop.isRunning()) {
            return Duration.ZERO; // stopping: no new consumer, no poll that a wakeup could no longer cut short
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c == null) {
            c = new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer());
            try {
                c.subscribe(List.of(settings.topic), new CommitOnRevoke());
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            consumer = c;
        }
        ConsumerRecords<String, byte[]> records;
        try {
            records = c.poll(settings.pollTimeout);
        } catch (WakeupException stopping) {
            return Duration.ZERO;
        } catch (RuntimeException e) {
            closeConsumer(); // a consumer in an unknown state: the next round makes a new one
            throw e;
        }
        Map<TopicPartition, List<OutboxEntry>> byPartition = new LinkedHashMap<>();
        RuntimeException partitionFailed = null;
        try {
            for (TopicPartition tp : records.partitions()) {
                byPartition.put(tp, readable(tp, records.records(tp)));
            }
            // the whole poll in one batch, one transaction: each partition's events in order, partition after
            // partition (a reservation's events share one partition, so its order holds)
            List<OutboxEntry> events = new ArrayList<>(records.count());
            byPartition.values().forEach(events::addAll);
            try {
                if (!events.isEmpty()) {
                    handler.accept(events);
                }
                byPartition.keySet().forEach(tp -> applied(tp, records));
            } catch (WakeupException stopping) {
                throw stopping;
            } catch (RuntimeException batchFailed) {
                // one partition's events may fail for good: the others go on, each in a transaction of its own
                partitionFailed = onePartitionAtATime(c, records, byPartition);
            }
            commit(c);
        } catch (WakeupException stopping) {
            return Duration.ZERO;
        } catch (RuntimeException e) {
            try {
                safeCommit(c);
                // back to the first record of this poll in every partition: what was applied is absorbed again
                for (TopicPartition tp : records.partitions()) {
                    c.seek(tp, records.records(tp).get(0).offset());
                }
            } catch (RuntimeException cannotSeek) {
                e.addSuppressed(cannotSeek);
                closeConsumer(); // what was not committed comes again to the next consumer
            }
            throw e;
        }
        if (partitionFailed != null) {
            throw partitionFailed; // the loop backs off before the failed partitions come again
        }
        return Duration.ZERO;
    }

    /**
     * Applies each partition's events alone after the poll's batch failed; a partition that fails is sought back to
     * its first record of the poll.
     *
     * @return the first failure, or null when every partition was applied
     */
    private RuntimeException onePartitionAtATime(
            KafkaConsumer<String, byte[]> c,
            ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, List<OutboxEntry>> byPartition) {
        RuntimeException first = null;
        for (Map.Entry<TopicPartition, List<OutboxEntry>> partition : byPartition.entrySet()) {
            TopicPartition tp = partition.getKey();
            try {
                if (!partition.getValue().isEmpty()) {
                    handler.accept(partition.getValue());
                }
                applied(tp, records);
            } catch (WakeupException stopping) {
                throw stopping;
            } catch (RuntimeException e) {
                log.debug("{}: applying {} failed", consumerName, tp, e);
                first = first == null ? e : first;
                c.seek(tp, records.records(tp).get(0).offset());
            }
        }
        return first;
    }

    private void applied(TopicPartition tp, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
        processed.put(tp, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        deadLettered.remove(tp);
    }

    /** Commits what was applied and closes the consumer; the next round, if any, makes a new one. */
    private void closeConsumer() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c == null) {
            return;
        }
        consumer = null;
        deadLettered.clear();
        try {
            safeCommit(c);
            c.close();
        } catch (RuntimeException e) {
            log.debug("{}: closing the consumer failed", consumerName, e);
        }
    }

    /** The events of a batch; records that cannot be read go to the dead-letter topic instead. */
    private List<OutboxEntry> readable(TopicPartition tp, List<ConsumerRecord<String, byte[]>> batch) {
        List<OutboxEntry> events = new ArrayList<>(batch.size());
        Set<Long> sent = deadLettered.computeIfAbsent(tp, p -> new HashSet<>());
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (sent.contains(record.offset())) {
                continue; // dead-lettered when this poll's records came before and were not applied
            }
            try {
                events.add(new OutboxEntry(EventRecords.position(record), decode(record)));
            } catch (IllegalArgumentException unreadable) {
                log.warn(
                        "{}: dead-lettering {}-{}@{}: {}",
                        consumerName,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        unreadable.getMessage());
                deadLetter.accept(deadLetterRecord(record, unreadable.getMessage()));
                sent.add(record.offset());
            }
        }
        return events;
    }

    private ReservationEvent decode(ConsumerRecord<String, byte[]> record) {
        String type = header(record, KafkaEventTransport.TYPE_HEADER);
        if (type == null) {
            throw new IllegalArgumentException("no " + KafkaEventTransport.TYPE_HEADER + " header");
        }
        String version = header(record, KafkaEventTransport.VERSION_HEADER);
        if (!Integer.toString(EventJson.VERSION).equals(version)) {
            throw new IllegalArgumentException(
                    "unsupported event version " + version + " (this reader knows " + EventJson.VERSION + ")");
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("empty record");
        }
        ReservationEvent event = json.decode(type, new String(record.value(), StandardCharsets.UTF_8));
        // readable JSON that lacks what every event has would fail the projection on every retry
        if (event.eventId() == null
                || event.reservationId() == null
                || event.customerId() == null
                || event.occurredAt() == null) {
            throw new IllegalArgumentException(
                    "incomplete " + type + ": eventId, reservationId, customerId and " + "occurredAt are required");
        }
        return event;
    }

    private ProducerRecord<String, byte[]> deadLetterRecord(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            // without its outbox position, a dead letter put back on the topic is applied by its record: the
            // reservation's later events have moved the applied position past it
            if (!h.key().equals(KafkaEventTransport.POSITION_HEADER)) {
                headers.add(h);
            }
        }
        headers.add(KafkaEventTransport.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaEventTransport.SOURCE_HEADER,
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaEventTransport.CONSUMER_HEADER, consumerName.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(settings.deadLetterTopic, null, record.key(), record.value(), headers);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void commit(KafkaConsumer<String, byte[]> c) {
        if (!processed.isEmpty()) {
            c.commitSync(Map.copyOf(processed));
            processed.clear();
        }
    }

    private void safeCommit(KafkaConsumer<String, byte[]> c) {
        try {
            commit(c);
        } catch (RuntimeException e) {
            // uncommitted records come again and are absorbed by the projections' deduplication
            log.debug("{}: commit failed", consumerName, e);
            processed.clear();
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.putAll(settings.clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // offsets move only after effects are stored
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // bigger batches under a backlog: more events share the cost of each transaction (commit, reads)
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                groupId + "-" + ProcessHandle.current().pid());
        props.putAll(settings.consumerProperties);
        return props;
    }

    /** Commits what was applied before a partition moves to another consumer, so it does not redo much. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(deadLettered::remove);
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                safeCommit(c);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    }
}
