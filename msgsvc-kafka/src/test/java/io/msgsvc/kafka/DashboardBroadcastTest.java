package io.msgsvc.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows published by one node reach every follower, from the moment it follows, on a real broker. */
class DashboardBroadcastTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestKafka kafka;

    private final String topic = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void everyFollowerHearsTheRowsPublishedOnceItFollowsAndNoneBefore() {
        DashboardBroadcast projecting = broadcast();
        ReservationId before = ReservationId.random();
        projecting.onChange(row(before, 1, ReservationStatus.DISPATCHING));
        // on the topic before anyone follows (which the publisher creates first)
        await().atMost(WAIT).ignoreExceptions().until(() -> rowsOnTopic() == 1);

        Recorder a = follow(broadcast());
        Recorder b = follow(broadcast());
        ReservationId live = ReservationId.random();
        projecting.onChange(row(live, 1, ReservationStatus.DISPATCHING));
        projecting.onChange(row(live, 2, ReservationStatus.COMPLETED));

        for (Recorder replica : List.of(a, b)) {
            await().atMost(WAIT)
                    .until(() -> replica.views.stream()
                            .anyMatch(
                                    v -> v.reservationId().equals(live) && v.status() == ReservationStatus.COMPLETED));
            assertThat(replica.views).noneMatch(v -> v.reservationId().equals(before));
            DashboardView last = replica.views.get(replica.views.size() - 1);
            assertThat(last).isEqualTo(row(live, 2, ReservationStatus.COMPLETED));
        }
    }

    @Test
    void aRecordThatIsNoRowIsSkippedAndTheNextRowArrives() throws Exception {
        DashboardBroadcast projecting = broadcast();
        Recorder replica = follow(broadcast());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        ReservationId id = ReservationId.random();
        try (KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> garbage =
                    new ProducerRecord<>(topic, id.toString(), "{not json".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add(DashboardRowJson.VERSION_HEADER, "1".getBytes(StandardCharsets.UTF_8));
            raw.send(garbage).get();
            raw.send(new ProducerRecord<>(topic, id.toString(), "{}".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        projecting.onChange(row(id, 1, ReservationStatus.COMPLETED));

        await().atMost(WAIT).until(() -> !replica.views.isEmpty());
        assertThat(replica.views).containsExactly(row(id, 1, ReservationStatus.COMPLETED));
    }

    @Test
    void theTopicItCreatesIsCompactedAndExpires() throws Exception {
        DashboardBroadcast broadcast = DashboardBroadcast.builder(kafka.bootstrapServers())
                .topic(topic)
                .partitions(2)
                .retention(Duration.ofHours(2))
                .build();
        opened.add(broadcast);
        follow(broadcast);
        try (Admin admin = kafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact,delete");
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofHours(2).toMillis()));
            assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .hasSize(2);
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> DashboardBroadcast.builder(" ")).hasMessageContaining("bootstrapServers");
        DashboardBroadcast.Builder builder = DashboardBroadcast.builder("localhost:9092");
        assertThatThrownBy(() -> builder.topic("")).hasMessageContaining("topic");
        assertThatThrownBy(() -> builder.partitions(0)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> builder.replicationFactor((short) 0)).hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> builder.retention(Duration.ZERO)).hasMessageContaining("retention");
        assertThatThrownBy(() -> builder.pendingRows(0)).hasMessageContaining("pendingRows");
        DashboardBroadcast closed = builder.build();
        closed.close();
        assertThatThrownBy(() -> closed.follow(view -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRowSurvivesTheWireWithEveryField() {
        DashboardRowJson json = new DashboardRowJson();
        DashboardView view = new DashboardView(
                ReservationId.random(),
                "acme",
                10,
                7,
                1,
                2,
                3,
                3,
                1,
                ReservationStatus.AWAITING_RESULTS,
                Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:00:00Z"));
        assertThat(json.decode(json.encode(view))).isEqualTo(view);
        assertThatThrownBy(() -> json.decode("{\"reservationId\":\"x\",\"customerId\":\"c\",\"status\":\"COMPLETED\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("reservationId");
        assertThatThrownBy(() -> json.decode(
                        ("{\"reservationId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"c\",\"status\":\"LOST\"}")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("LOST");
    }

    private long rowsOnTopic() throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicPartitionInfo partition : admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()) {
                ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            return admin.listOffsets(ends).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    private DashboardBroadcast broadcast() {
        DashboardBroadcast broadcast = DashboardBroadcast.builder(kafka.bootstrapServers())
                .topic(topic)
                .partitions(3)
                .build();
        opened.add(broadcast);
        return broadcast;
    }

    /** Follows and waits until positioned, as a replica does at start before its pages open. */
    private Recorder follow(DashboardBroadcast broadcast) {
        Recorder recorder = new Recorder();
        opened.add(broadcast.follow(recorder.views::add));
        await().atMost(WAIT).until(broadcast::isFollowing);
        return recorder;
    }

    private static DashboardView row(ReservationId id, int sent, ReservationStatus status) {
        return new DashboardView(
                id, "acme", 2, sent, 0, 0, 0, 0, 0, status, Instant.parse("2026-01-01T00:00:0" + sent + "Z"), null);
    }

    private static final class Recorder {
        final List<DashboardView> views = new CopyOnWriteArrayList<>();
    }
}
