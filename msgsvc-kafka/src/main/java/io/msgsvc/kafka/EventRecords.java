package io.msgsvc.kafka;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Events as records of the topic. A relay batch goes out in order, keyed by reservation, with the idempotent
 * producer: nothing after a send that failed reaches the topic (consumers deduplicating by outbox position would take
 * an earlier event published again after a later one for a repeat), and the batch counts as published once every
 * event is acknowledged within the publish timeout. A record's outbox position is read back from its header.
 */
final class EventRecords {
    private EventRecords() {}

    static void publish(BrokerLink l, KafkaEventTransport.Settings settings, EventJson json, List<OutboxEntry> entries)
            throws Exception {
        KafkaProducer<String, byte[]> p = l.producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
        // one deadline for the whole batch: a relay may hold its outbox transaction while this runs
        long deadline = System.nanoTime() + settings.publishTimeout.toNanos();
        for (OutboxEntry entry : entries) {
            ReservationEvent event = entry.event();
            if (System.nanoTime() - deadline > 0) {
                TimeoutException late = new TimeoutException("Kafka took longer than " + settings.publishTimeout);
                l.abandon(p); // what is queued must not go out later, after the batch's own republishing began
                l.publishFailed(late);
                throw late;
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(KafkaEventTransport.TYPE_HEADER, event.type().getBytes(StandardCharsets.UTF_8));
            headers.add(
                    KafkaEventTransport.VERSION_HEADER,
                    Integer.toString(EventJson.VERSION).getBytes(StandardCharsets.UTF_8));
            headers.add(
                    KafkaEventTransport.EVENT_ID_HEADER,
                    event.eventId().toString().getBytes(StandardCharsets.UTF_8));
            if (entry.positioned()) {
                headers.add(
                        KafkaEventTransport.POSITION_HEADER,
                        Long.toString(entry.position()).getBytes(StandardCharsets.UTF_8));
            }
            Future<RecordMetadata> f = p.send(
                    new ProducerRecord<>(
                            settings.topic,
                            null,
                            event.reservationId().toString(),
                            json.encode(event).getBytes(StandardCharsets.UTF_8),
                            headers),
                    (metadata, failed) -> {
                        if (failed != null) {
                            l.abandon(p); // nothing after a failed send may reach the topic
                        }
                    });
            sent.add(f);
            if (f.isDone()) { // refused at once (too large, say): send nothing after it
                try {
                    f.get();
                } catch (ExecutionException e) {
                    l.abandon(p);
                    l.publishFailed(e.getCause());
                    throw new IllegalStateException("Kafka refused an event of " + event.type(), e.getCause());
                }
            }
        }
        p.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                l.publishFailed(e.getCause());
                throw new IllegalStateException("Kafka did not take " + entries.size() + " events", e.getCause());
            } catch (TimeoutException e) {
                l.abandon(p);
                l.publishFailed(e);
                throw e;
            }
        }
        l.published();
    }

    /** The record's outbox position; none (an older relay, a publisher other than the relay) reads as unknown. */
    static long position(ConsumerRecord<String, byte[]> record) {
        String position = ConsumerLoop.header(record, KafkaEventTransport.POSITION_HEADER);
        long value = position == null ? OutboxEntry.NO_POSITION : parsePosition(position);
        if (position != null && value <= 0) {
            throw new IllegalArgumentException("outbox position must be above zero: " + position);
        }
        return value;
    }

    private static long parsePosition(String position) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable outbox position '" + position + "'", e);
        }
    }
}
