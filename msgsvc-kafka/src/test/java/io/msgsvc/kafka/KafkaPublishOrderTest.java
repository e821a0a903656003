package io.msgsvc.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reservation's events reach the topic in position order and without a gap, which consumers deduplicating by
 * outbox position rely on: the settings that keep that are not open to a host, and a send refused midway stops its
 * batch.
 */
class KafkaPublishOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"enable.idempotence", "acks", "partitioner.class", "partitioner.ignore.keys", "transactional.id"
            })
    void theProducerSettingsThatKeepTheOrderAreRefused(String key) {
        KafkaEventTransport.Builder builder = KafkaEventTransport.builder(kafka.bootstrapServers());
        assertThatThrownBy(() -> builder.producerProperty(key, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'");
        assertThatThrownBy(() -> builder.clientProperty(key, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'");
        builder.producerProperty("linger.ms", 1); // the rest stay the host's to tune
    }

    @Test
    void anEventTheBrokerRefusesStopsTheRestOfItsBatch() throws Exception {
        String topic = "order-" + UUID.randomUUID();
        ReservationId reservation = new ReservationId(UUID.randomUUID());
        OutboxEntry first = entry(1, reservation, "acme");
        OutboxEntry tooLarge = entry(2, reservation, "x".repeat(4_000));
        OutboxEntry after = entry(3, reservation, "acme");
        OutboxEntry later = entry(4, reservation, "acme");
        try (KafkaEventTransport relay = transport(topic)
                        .producerProperty("max.request.size", 2_000)
                        .build();
                KafkaEventTransport probe = transport(topic).build()) {
            List<OutboxEntry> seen = new CopyOnWriteArrayList<>();
            probe.subscribeEntries("probe", seen::addAll);
            relay.start();
            probe.start();

            publishOnceReachable(relay, first);
            assertThatThrownBy(() -> relay.publishEntries(List.of(tooLarge, after)))
                    .hasMessageContaining("refused");
            relay.publishEntries(List.of(later)); // a new producer takes over

            await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> e.position() == 4));
            assertThat(seen)
                    .extracting(OutboxEntry::position)
                    .contains(1L)
                    .doesNotContain(2L, 3L)
                    .isSorted();
        }
    }

    /** Refused by the broker this time (the topic takes smaller records), each event in a request of its own. */
    @Test
    void anEventTheBrokerRefusesLaterStopsTheRestOfItsBatchToo() throws Exception {
        String topic = "order-" + UUID.randomUUID();
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "1000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        ReservationId reservation = new ReservationId(UUID.randomUUID());
        try (KafkaEventTransport relay =
                        transport(topic).producerProperty("batch.size", 1).build();
                KafkaEventTransport probe = transport(topic).build()) {
            List<OutboxEntry> seen = new CopyOnWriteArrayList<>();
            probe.subscribeEntries("probe", seen::addAll);
            relay.start();
            probe.start();

            publishOnceReachable(relay, entry(1, reservation, "acme"));
            assertThatThrownBy(() -> relay.publishEntries(List.of(
                            entry(2, reservation, "acme"),
                            entry(3, reservation, incompressible(8_000)), // lz4 would shrink repeated text
                            entry(4, reservation, "acme"),
                            entry(5, reservation, "acme"))))
                    .isNotNull();
            relay.publishEntries(List.of(entry(6, reservation, "acme")));

            await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> e.position() == 6));
            assertThat(seen)
                    .extracting(OutboxEntry::position)
                    .doesNotContain(3L, 4L, 5L)
                    .isSorted();
        }
    }

    private static KafkaEventTransport.Builder transport(String topic) {
        return KafkaEventTransport.builder(kafka.bootstrapServers())
                .topic(topic)
                .partitions(1)
                .groupIdPrefix(topic + "-")
                .publishTimeout(Duration.ofSeconds(5));
    }

    /** The transport connects in the background: its first publish is tried until the broker answers. */
    private static void publishOnceReachable(KafkaEventTransport relay, OutboxEntry entry) {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            relay.publishEntries(List.of(entry));
            return true;
        });
    }

    private static String incompressible(int length) {
        StringBuilder text = new StringBuilder(length + 36);
        while (text.length() < length) {
            text.append(UUID.randomUUID());
        }
        return text.toString();
    }

    private static OutboxEntry entry(long position, ReservationId reservation, String customerId) {
        ReservationEvent event = new DispatchStarted(UUID.randomUUID(), reservation, customerId, Instant.now());
        return new OutboxEntry(position, event);
    }
}
