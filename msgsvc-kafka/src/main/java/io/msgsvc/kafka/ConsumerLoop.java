package io.msgsvc.kafka;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * One projection role's consumer: applies each partition's records in order, a poll's worth at a time, and commits
 * an offset only after the effects are stored. When the projection fails (say, the database is down) it seeks back
 * and retries with backoff,
 * so nothing is skipped; a record that can never be read is dead-lettered instead, so it never stalls a partition.
 */
final class ConsumerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String consumerName;
    private final String groupId;
    private final Consumer<List<ReservationEvent>> handler;
    private final KafkaEventTransport.Settings settings;
    private final EventJson json;
    private final Consumer<ProducerRecord<String, byte[]>> deadLetter;
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    ConsumerLoop(
            String consumerName,
            String groupId,
            Consumer<List<ReservationEvent>> handler,
            KafkaEventTransport.Settings settings,
            EventJson json,
            Consumer<ProducerRecord<String, byte[]>> deadLetter) {
        this.consumerName = consumerName;
        this.groupId = groupId;
        this.handler = handler;
        this.settings = settings;
        this.json = json;
        this.deadLetter = deadLetter;
        this.thread = new Thread(this, "msgsvc-kafka-" + consumerName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup(); // not interrupt(): an interrupted Kafka client throws instead of closing cleanly
        }
        synchronized (this) {
            notifyAll();
        }
    }

    void await() {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Consumes until stopped; a consumer that fails unexpectedly is replaced after a pause, never abandoned. */
    @Override
    public void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            consume();
            if (running) {
                log.warn("{}: consumer ended unexpectedly; starting a new one in {}", consumerName, backoff);
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(settings.topic), new CommitOnRevoke());
            Duration backoff = Duration.ofMillis(100);
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(settings.pollTimeout);
                } catch (WakeupException e) {
                    break;
                }
                Map<TopicPartition, Long> next = new HashMap<>();
                try {
                    // one batch per partition: that partition's events in order, applied in one go
                    for (TopicPartition tp : records.partitions()) {
                        List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
                        next.put(tp, batch.get(0).offset());
                        List<ReservationEvent> events = readable(batch);
                        if (!events.isEmpty()) {
                            handler.accept(events);
                        }
                        long after = batch.get(batch.size() - 1).offset() + 1;
                        next.put(tp, after);
                        processed.put(tp, new OffsetAndMetadata(after));
                    }
                    commit(c);
                    backoff = Duration.ofMillis(100);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    log.warn("{}: applying events failed; retrying in {}", consumerName, backoff, e);
                    safeCommit(c);
                    // go back to the first record not applied in every partition of this poll
                    for (TopicPartition tp : records.partitions()) {
                        c.seek(
                                tp,
                                next.getOrDefault(tp, records.records(tp).get(0).offset()));
                    }
                    if (!pause(backoff)) {
                        break;
                    }
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
            safeCommit(c);
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("{}: consumer stopped", consumerName, e);
        } finally {
            consumer = null;
        }
    }

    /** The events of a batch; records that cannot be read go to the dead-letter topic instead. */
    private List<ReservationEvent> readable(List<ConsumerRecord<String, byte[]>> batch) {
        List<ReservationEvent> events = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                events.add(decode(record));
            } catch (IllegalArgumentException unreadable) {
                log.warn(
                        "{}: dead-lettering {}-{}@{}: {}",
                        consumerName,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        unreadable.getMessage());
                deadLetter.accept(deadLetterRecord(record, unreadable.getMessage()));
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
            headers.add(h);
        }
        headers.add(KafkaEventTransport.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaEventTransport.SOURCE_HEADER,
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaEventTransport.CONSUMER_HEADER, consumerName.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(settings.deadLetterTopic, null, record.key(), record.value(), headers);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
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

    /** Backs off from a failing database or broker before retrying; cut short by {@link #stop()}. */
    private synchronized boolean pause(Duration backoff) {
        try {
            if (running) {
                wait(backoff.toMillis());
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
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
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                safeCommit(c);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    }
}
