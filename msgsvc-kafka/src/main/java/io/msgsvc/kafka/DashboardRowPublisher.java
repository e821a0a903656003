package io.msgsvc.kafka;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BackgroundLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing half of a {@link DashboardBroadcast}. The engine tells it of a row on the projection's thread, after
 * the commit; the row only waits here (a newer row of the same reservation takes the older one's place) for a thread
 * of its own that hands it to the producer, so a slow or absent broker never holds up a projection.
 */
final class DashboardRowPublisher {
    private static final Logger log = LoggerFactory.getLogger(DashboardRowPublisher.class);
    /** How long the producer may wait for the broker's metadata before a round fails and is retried. */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(5);

    private final DashboardBroadcast.Settings settings;
    private final DashboardRowJson json;
    /** Guarded by this. */
    private final Map<ReservationId, DashboardView> waiting = new LinkedHashMap<>();

    private final AtomicLong failedSends = new AtomicLong();
    private long failedSendsLogged;
    private long dropped;
    private boolean closed;
    private BackgroundLoop loop;
    /** Used by the loop's thread only. */
    private KafkaProducer<String, byte[]> producer;

    private boolean topicReady;

    DashboardRowPublisher(DashboardBroadcast.Settings settings, DashboardRowJson json) {
        this.settings = settings;
        this.json = json;
    }

    void offer(DashboardView view) {
        BackgroundLoop current;
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting.put(view.reservationId(), view);
            if (waiting.size() > settings.pendingRows) {
                Iterator<ReservationId> oldest = waiting.keySet().iterator();
                oldest.next();
                oldest.remove();
                if (dropped++ % settings.pendingRows == 0) {
                    log.warn(
                            "dashboard rows wait for Kafka at {}: {} reservations' rows dropped so far",
                            settings.bootstrapServers,
                            dropped);
                }
            }
            if (loop == null) {
                loop = BackgroundLoop.named("msgsvc-dashboard-publisher")
                        .backoff(Duration.ofMillis(200), Duration.ofSeconds(10))
                        .onFailure((e, retryIn) ->
                                log.warn("publishing dashboard rows failed; retrying in {}", retryIn, e))
                        .onStop(this::closeProducer)
                        .start(this::publishOnce);
            }
            current = loop;
        }
        current.wake();
    }

    private Duration publishOnce() {
        if (settings.createTopic && !topicReady) {
            DashboardTopic.ensure(settings);
            topicReady = true;
        }
        List<DashboardView> batch;
        synchronized (this) {
            batch = new ArrayList<>(waiting.values());
            waiting.clear();
        }
        if (batch.isEmpty()) {
            return Duration.ofMinutes(1); // until woken by the next row
        }
        try {
            KafkaProducer<String, byte[]> p = producer();
            for (DashboardView view : batch) {
                p.send(record(view), (metadata, error) -> {
                    if (error != null) {
                        failedSends.incrementAndGet();
                    }
                });
            }
        } catch (RuntimeException e) {
            requeue(batch); // a row resent is harmless; a newer one queued meanwhile is kept
            throw e;
        }
        long failed = failedSends.get();
        if (failed != failedSendsLogged) {
            log.warn("{} dashboard rows could not be published to {}", failed - failedSendsLogged, settings.topic);
            failedSendsLogged = failed;
        }
        return Duration.ZERO;
    }

    private synchronized void requeue(List<DashboardView> batch) {
        for (DashboardView view : batch) {
            waiting.putIfAbsent(view.reservationId(), view);
        }
    }

    private ProducerRecord<String, byte[]> record(DashboardView view) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(
                DashboardRowJson.VERSION_HEADER,
                Integer.toString(DashboardRowJson.VERSION).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(settings.topic, null, view.reservationId().toString(), json.encode(view), headers);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(settings.clientProperties);
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
            props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
            props.putIfAbsent(
                    ProducerConfig.CLIENT_ID_CONFIG,
                    "msgsvc-dashboard-publisher-" + ProcessHandle.current().pid());
            props.putAll(settings.producerProperties);
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    void close() {
        BackgroundLoop current;
        synchronized (this) {
            closed = true;
            waiting.clear();
            current = loop;
        }
        if (current != null) {
            current.stop();
            current.awaitStop(Duration.ofSeconds(15));
        }
    }
}
