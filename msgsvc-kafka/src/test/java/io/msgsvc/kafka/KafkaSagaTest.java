package io.msgsvc.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.Role;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.testkit.RecordingChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga across processes: a sending engine (sender + relay) and a projecting engine (status, billing,
 * statistics, dashboard) that share only PostgreSQL and a real Kafka broker.
 */
class KafkaSagaTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestKafka kafka;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final DataSource database = TestDatabases.postgres();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingChannel channel = new RecordingChannel(KafkaSagaTest::gateway);

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
        ((AutoCloseable) database).close();
    }

    /** Numbers ending in 9 do not exist; everything else is delivered. */
    private static SendOutcome gateway(OutboundMessage m) {
        return m.recipient().endsWith("9")
                ? SendOutcome.permanentFailure("no such number")
                : SendOutcome.accepted("ref-" + m.idempotencyKey());
    }

    private KafkaEventTransport transport(String groupPrefix) {
        return KafkaEventTransport.builder(kafka.bootstrapServers())
                .topic("events-" + run)
                .partitions(3)
                .groupIdPrefix(groupPrefix)
                .publishTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Each engine has storage of its own on the one database, as separate processes would. */
    private JdbcStorage storage() {
        JdbcStorage storage = JdbcStorage.builder(database)
                .migrate(true)
                .cleanupInterval(null)
                .build();
        opened.add(storage);
        return storage;
    }

    private Msgsvc sendingNode() {
        Msgsvc node = Msgsvc.builder()
                .storage(storage())
                .channel(channel)
                .eventTransport(transport(run + "-"))
                .roles(Role.SENDER, Role.RELAY)
                .contentPolicy(ContentPolicy.maxLength(10))
                .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(20), 2, Duration.ofMillis(100)))
                .pollInterval(Duration.ofMillis(200))
                .nodeId("sender-" + run)
                .build()
                .start();
        opened.add(node);
        return node;
    }

    private Msgsvc projectingNode(String groupPrefix) {
        return projectingNode(groupPrefix, false);
    }

    private Msgsvc projectingNode(String groupPrefix, boolean together) {
        Msgsvc node = Msgsvc.builder()
                .storage(storage())
                .channel(channel)
                .eventTransport(transport(groupPrefix))
                .roles(Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                .projectTogether(together)
                .build()
                .start();
        opened.add(node);
        return node;
    }

    private List<Reservation> bookSeedScenario(Msgsvc entry, int reservations, int recipients) {
        List<Reservation> booked = new ArrayList<>();
        for (int r = 0; r < reservations; r++) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < recipients; i++) {
                list.add("+82-" + r + "-" + i);
            }
            String text = r == 0 ? "Grand opening today!" : "Sale " + r; // the first breaks the 10-char policy
            booked.add(entry.reserve(ReservationRequest.builder()
                    .customerId("c" + (r % 3))
                    .text(text)
                    .recipients(list)
                    .build()));
        }
        return booked;
    }

    private static void awaitEnded(Msgsvc reader, List<Reservation> booked) {
        await().atMost(WAIT)
                .until(() -> booked.stream()
                        .allMatch(r -> reader.reservation(r.customerId(), r.id())
                                        .reservation()
                                        .status()
                                        .isTerminal()
                                && reader.dashboard(r.customerId(), r.id())
                                        .status()
                                        .isTerminal()));
    }

    /**
     * Waits until billing, statistics and dashboard equal what the store says was sent and failed: each role is its
     * own consumer group, so a status that ended does not mean billing or statistics caught up. A count only grows,
     * so one counted twice never passes.
     */
    private void awaitExactlyOnce(Msgsvc reader, List<Reservation> booked) {
        await().atMost(WAIT).untilAsserted(() -> assertExactlyOnce(reader, booked));
    }

    /** Billing, statistics and dashboard equal what the store says was sent and failed, each exactly once. */
    private void assertExactlyOnce(Msgsvc reader, List<Reservation> booked) {
        Map<String, StatisticsCounters> expected = expectedStatistics(reader, booked);
        for (Reservation r : booked) {
            Ended ended = Ended.of(reader, r);
            var view = reader.dashboard(r.customerId(), r.id());
            assertThat(List.of(view.sent(), view.failed(), view.cancelled()))
                    .containsExactly(ended.sent(), ended.failed(), ended.cancelled());
            assertThat(reader.charges(r.customerId(), r.id())).hasSize(ended.sent());
            List<Integer> order = channel.callsFor(r.id()).stream()
                    .map(m -> m.deliveryId().sequence())
                    .toList();
            assertThat(order).as("list order").isSorted();
        }
        for (var e : expected.entrySet()) {
            assertThat(reader.billing(e.getKey()).charges())
                    .as("billing of " + e.getKey())
                    .isEqualTo(e.getValue().sent());
            assertThat(reader.statistics(e.getKey(), Instant.EPOCH, Instant.MAX).totals())
                    .as("statistics of " + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    /** Statistics per customer as the store's final delivery states say they must be. */
    private static Map<String, StatisticsCounters> expectedStatistics(Msgsvc reader, List<Reservation> booked) {
        Map<String, StatisticsCounters> expected = new HashMap<>();
        for (Reservation r : booked) {
            Ended ended = Ended.of(reader, r);
            boolean rejected =
                    reader.reservation(r.customerId(), r.id()).reservation().status() == ReservationStatus.REJECTED;
            expected.merge(
                    r.customerId(),
                    new StatisticsCounters(
                            1,
                            ended.sent(),
                            ended.failed(),
                            rejected ? ended.cancelled() : 0,
                            rejected ? 0 : ended.cancelled()),
                    StatisticsCounters::plus);
        }
        return expected;
    }

    @Test
    void aRecordThatFailsItsProjectionForGoodHoldsBackOnlyItsOwnPartition() throws Exception {
        KafkaEventTransport names = transport(run + "-");
        // readable, but statistics cannot count a pending delivery: the projection fails on it every time
        var reservation = ReservationId.random();
        var stuck = new ReservationEvent.DeliveryReported(
                UUID.randomUUID(),
                reservation,
                "poisoned",
                Instant.now(),
                new DeliveryId(reservation, 0),
                "+82-0",
                DeliveryState.PENDING,
                DeliveryState.SENT,
                null,
                null,
                Instant.now(),
                null,
                null);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(names.topic(), 3, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(
                    names.topic(),
                    0,
                    reservation.toString(),
                    new EventJson().encode(stuck).getBytes(StandardCharsets.UTF_8));
            record.headers().add("msgsvc-type", stuck.type().getBytes(StandardCharsets.UTF_8));
            record.headers().add("msgsvc-version", "1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        Msgsvc sender = sendingNode();
        Msgsvc projector = projectingNode(run + "-");
        List<Reservation> healthy = new ArrayList<>();
        List<Reservation> behindTheStuckRecord = new ArrayList<>();
        while (healthy.size() < 2 || behindTheStuckRecord.isEmpty()) {
            Reservation r = bookSeedScenario(sender, 2, 4).get(1); // the second keeps the content policy
            (partitionOf(r.id().toString()) == 0 ? behindTheStuckRecord : healthy).add(r);
        }

        awaitEnded(projector, healthy);
        await().atMost(WAIT)
                .untilAsserted(() -> expectedStatistics(projector, healthy)
                        .forEach((customer, counters) -> assertThat(projector
                                        .statistics(customer, Instant.EPOCH, Instant.MAX)
                                        .totals())
                                .as("statistics of " + customer + ", its reservations on the other partitions")
                                .isEqualTo(counters)));
    }

    /** How a reservation's deliveries ended, as the store says. */
    private record Ended(int sent, int failed, int cancelled) {
        static Ended of(Msgsvc reader, Reservation r) {
            int sent = 0, failed = 0, cancelled = 0;
            for (Delivery d : reader.reservation(r.customerId(), r.id()).deliveries()) {
                switch (d.state()) {
                    case SENT -> sent++;
                    case FAILED -> failed++;
                    case CANCELLED -> cancelled++;
                    default -> throw new AssertionError("pending after the end: " + d);
                }
            }
            return new Ended(sent, failed, cancelled);
        }
    }

    /** The partition Kafka's default partitioner gives a key among the test topic's three. */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }

    @Test
    void theSeedScenarioRunsWithSendingAndProjectingInSeparateEngines() {
        Msgsvc sender = sendingNode();
        Msgsvc projector = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 12, 10);

        awaitEnded(projector, booked);

        Reservation overlong = booked.get(0);
        assertThat(projector
                        .reservation(overlong.customerId(), overlong.id())
                        .reservation()
                        .status())
                .isEqualTo(ReservationStatus.REJECTED);
        assertThat(channel.callsFor(overlong.id())).isEmpty();
        assertThat(projector.reservation("c1", booked.get(1).id()).reservation().status())
                .isEqualTo(ReservationStatus.PARTIALLY_FAILED); // +82-1-9 does not exist
        awaitExactlyOnce(projector, booked);
    }

    @Test
    void aConsumerKilledMidStreamAndEveryEventDeliveredTwiceStillCountEachOnce() throws Exception {
        Msgsvc sender = sendingNode();
        Msgsvc first = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 20, 25);
        await().atMost(WAIT).until(() -> first.billing("c1").charges() > 20);

        first.close(); // mid-stream: offsets of what it applied last may not be committed
        Msgsvc second = projectingNode(run + "-");
        awaitEnded(second, booked);
        awaitExactlyOnce(second, booked);

        // a consumer group that never committed anything reads the whole topic again
        List<String> replayed = new CopyOnWriteArrayList<>();
        Msgsvc replay = Msgsvc.builder()
                .storage(storage())
                .channel(channel)
                .eventTransport(transport(run + "-replay-"))
                .roles(Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                .build();
        opened.add(replay);
        KafkaEventTransport probe = transport(run + "-probe-");
        probe.subscribe("probe", events -> events.forEach(e -> replayed.add(e.type())));
        opened.add(probe);
        replay.start();
        probe.start();
        await().atMost(WAIT)
                .until(() -> replayed.stream().filter("SendCompleted"::equals).count() == 19
                        && replayed.stream()
                                        .filter("ReservationCompensated"::equals)
                                        .count()
                                == 1);
        // the replay group has been through every event once probe has; give its projections the same batches
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(lag(run + "-replay-")).isZero());
        awaitExactlyOnce(second, booked);
    }

    @Test
    void rolesConsumedApartThenTogetherApplyEveryEventOnce() throws Exception {
        Msgsvc sender = sendingNode();
        Msgsvc apart = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 20, 25);
        await().atMost(WAIT).until(() -> apart.billing("c1").charges() > 20);

        apart.close();
        // the same roles consumed together: one group of its own, which reads the topic from its first event; what
        // the roles applied apart is absorbed by each role's own records
        Msgsvc together = projectingNode(run + "-", true);
        awaitEnded(together, booked);
        awaitExactlyOnce(together, booked);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(lag(run + "-", List.of("billing+statistics+status+dashboard")))
                        .isZero());
    }

    /**
     * What a relay that dies between publishing a batch and its commit does: the same outbox entries published
     * again, under new offsets. Each projection role recognises them by their outbox positions and applies nothing
     * twice, with a position per reservation and no record per event.
     */
    @Test
    void aBatchPublishedAgainIsRecognisedByItsOutboxPositions() throws Exception {
        Msgsvc sender = sendingNode();
        Msgsvc projecting = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 10, 20);
        awaitEnded(projecting, booked);
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag(run + "-")).isZero());
        awaitExactlyOnce(projecting, booked);

        List<OutboxEntry> published = new CopyOnWriteArrayList<>();
        KafkaEventTransport probe = transport(run + "-probe-");
        probe.subscribeEntries("probe", published::addAll);
        opened.add(probe);
        probe.start();
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(lag(run + "-probe-", List.of("probe"))).isZero());
        assertThat(published).isNotEmpty().allMatch(OutboxEntry::positioned);

        KafkaEventTransport relayAgain = transport(run + "-again-");
        opened.add(relayAgain);
        relayAgain.start();
        await().atMost(WAIT).untilAsserted(() -> relayAgain.publishEntries(List.copyOf(published)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lag(run + "-")).isZero());

        awaitExactlyOnce(projecting, booked);
        assertThat(rows("msgsvc_applied_event")).as("records of events applied").isZero();
        assertThat(rows("msgsvc_applied_position"))
                .as("positions per role and reservation")
                .isEqualTo(4L * 10);
    }

    private long rows(String table) throws java.sql.SQLException {
        try (var c = database.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Delivery reports taken by a node that only relays (a webhook's), projected by others: a projecting engine is
     * stopped mid-stream and another takes over; every report applies once, counted and refunded once.
     */
    @Test
    void reportsIngestedOnOneNodeAreProjectedOnAnotherExactlyOnce() {
        RecordingChannel reporting = RecordingChannel.reporting(KafkaSagaTest::gateway);
        Msgsvc sender = opened(Msgsvc.builder()
                .storage(storage())
                .channel(reporting)
                .eventTransport(transport(run + "-"))
                .roles(Role.SENDER, Role.RELAY)
                .contentPolicy(ContentPolicy.maxLength(10)) // the first reservation is rejected, as in the seed
                .pollInterval(Duration.ofMillis(200))
                .build()
                .start());
        Msgsvc intake = opened(Msgsvc.builder()
                .storage(storage())
                .eventTransport(transport(run + "-"))
                .roles(Role.RELAY)
                .build()
                .start());
        Msgsvc first = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 8, 15).subList(1, 8); // the first is rejected
        await().atMost(WAIT)
                .until(() -> booked.stream()
                        .allMatch(r -> first.reservation(r.customerId(), r.id())
                                        .reservation()
                                        .status()
                                == ReservationStatus.AWAITING_RESULTS));

        List<DeliveryReport> reports = new ArrayList<>();
        Map<String, long[]> expected = new HashMap<>(); // per customer: delivered, undelivered
        for (Reservation r : booked) {
            List<Delivery> deliveries =
                    first.reservation(r.customerId(), r.id()).deliveries();
            assertThat(deliveries)
                    .as("every delivery of %s submitted or failed", r.id())
                    .allMatch(d -> d.state() == DeliveryState.SUBMITTED || d.state() == DeliveryState.FAILED);
            for (Delivery d : deliveries) {
                if (d.state() == DeliveryState.SUBMITTED) {
                    boolean delivered = d.sequence() % 4 != 1;
                    DeliveryReport report = DeliveryReport.forReference(d.providerReference())
                            .status(delivered ? ReportStatus.DELIVERED : ReportStatus.UNDELIVERED)
                            .build();
                    reports.add(report);
                    reports.add(report); // providers repeat themselves
                    expected.computeIfAbsent(r.customerId(), c -> new long[2])[delivered ? 0 : 1]++;
                }
            }
        }
        int half = reports.size() / 2;
        intake.reportDeliveries(reports.subList(0, half));
        await().atMost(WAIT)
                .until(() -> first.statistics("c1", Instant.EPOCH, Instant.MAX)
                                .totals()
                                .delivered()
                        > 0);
        first.close(); // mid-stream: offsets of what it applied last may not be committed
        Msgsvc second = projectingNode(run + "-");
        intake.reportDeliveries(reports.subList(half, reports.size()));

        awaitEnded(second, booked);
        // statistics and billing are consumer groups of their own: they may still be catching up
        await().atMost(WAIT).untilAsserted(() -> {
            for (var e : expected.entrySet()) {
                StatisticsCounters counted = second.statistics(e.getKey(), Instant.EPOCH, Instant.MAX)
                        .totals();
                assertThat(counted.delivered()).as("delivered of " + e.getKey()).isEqualTo(e.getValue()[0]);
                assertThat(counted.undelivered())
                        .as("undelivered of " + e.getKey())
                        .isEqualTo(e.getValue()[1]);
                assertThat(counted.submitted()).isEqualTo(e.getValue()[0] + e.getValue()[1]);
                assertThat(second.billing(e.getKey()).charges()).isEqualTo(e.getValue()[0] + e.getValue()[1]);
                assertThat(second.billing(e.getKey()).refunds()).isEqualTo(e.getValue()[1]);
            }
        });
        for (Reservation r : booked) {
            var view = second.dashboard(r.customerId(), r.id());
            assertThat(view.awaiting()).isZero();
            assertThat(view.delivered() + view.undelivered() + view.failed()).isEqualTo(r.recipientCount());
        }
    }

    private Msgsvc opened(Msgsvc node) {
        opened.add(node);
        return node;
    }

    @Test
    void theBrokerStoppedAndRestartedMidRunLosesNothing() {
        Msgsvc sender = sendingNode();
        Msgsvc projector = projectingNode(run + "-");
        List<Reservation> booked = bookSeedScenario(sender, 10, 20);
        await().atMost(WAIT).until(() -> projector.billing("c1").charges() > 0);

        kafka.stopBroker();
        List<Reservation> more = bookSeedScenario(sender, 6, 10);
        await().atMost(WAIT)
                .until(() -> more.stream()
                        .allMatch(r -> sender.reservation(r.customerId(), r.id()).deliveries().stream()
                                .allMatch(d -> d.state().isTerminal())));
        kafka.restartBroker();

        List<Reservation> all = new ArrayList<>(booked);
        all.addAll(more);
        awaitEnded(projector, all);
        awaitExactlyOnce(projector, all);
    }

    @Test
    void aPoisonedRecordGoesToTheDeadLetterTopicAndTheRestIsProcessed() {
        Msgsvc sender = sendingNode();
        Msgsvc projector = projectingNode(run + "-");
        KafkaEventTransport names = transport(run + "-");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var poison = new ProducerRecord<String, byte[]>(
                    names.topic(), "poison", "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("msgsvc-type", "MsgSent".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("msgsvc-version", "1".getBytes(StandardCharsets.UTF_8));
            var future =
                    new ProducerRecord<String, byte[]>(names.topic(), "future", "{}".getBytes(StandardCharsets.UTF_8));
            future.headers().add("msgsvc-type", "MsgSent".getBytes(StandardCharsets.UTF_8));
            future.headers().add("msgsvc-version", "99".getBytes(StandardCharsets.UTF_8));
            var empty =
                    new ProducerRecord<String, byte[]>(names.topic(), "empty", "{}".getBytes(StandardCharsets.UTF_8));
            empty.headers().add("msgsvc-type", "MsgSent".getBytes(StandardCharsets.UTF_8));
            empty.headers().add("msgsvc-version", "1".getBytes(StandardCharsets.UTF_8));
            producer.send(poison);
            producer.send(future);
            producer.send(empty);
            producer.flush();
        }
        List<Reservation> booked = bookSeedScenario(sender, 5, 10);

        awaitEnded(projector, booked);
        awaitExactlyOnce(projector, booked);
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(run + "-dlq-reader")) {
            consumer.subscribe(List.of(names.deadLetterTopic()));
            // each of the four projection groups dead-letters each bad record once
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.size() >= 12;
            });
        }
        Set<String> reasons = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : dead) {
            reasons.add(r.key() + ": "
                    + new String(
                            r.headers().lastHeader("msgsvc-dead-letter-reason").value(), StandardCharsets.UTF_8));
        }
        assertThat(reasons)
                .anySatisfy(r -> assertThat(r).startsWith("poison: unreadable MsgSent payload"))
                .anySatisfy(r -> assertThat(r).startsWith("future: unsupported event version 99"))
                .anySatisfy(r -> assertThat(r).startsWith("empty: incomplete MsgSent"));
        assertThat(dead).hasSize(12);
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        opened.add(consumer);
        return consumer;
    }

    /** Records the consumer groups with this prefix have yet to commit, summed over groups and partitions. */
    private long lag(String groupPrefix) throws Exception {
        return lag(groupPrefix, List.of("status", "billing", "statistics", "dashboard"));
    }

    private long lag(String groupPrefix, List<String> consumers) throws Exception {
        String topic = "events-" + run;
        try (var admin = kafka.admin()) {
            return lag(admin, topic, groupPrefix, consumers);
        }
    }

    private static long lag(
            org.apache.kafka.clients.admin.Admin admin, String topic, String groupPrefix, List<String> consumers)
            throws Exception {
        long total = 0;
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions();
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(
                new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        for (String consumer : consumers) {
            var committed = admin.listConsumerGroupOffsets(groupPrefix + consumer)
                    .partitionsToOffsetAndMetadata()
                    .get();
            for (var e : ends.entrySet()) {
                var c = committed.get(e.getKey());
                total += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
        }
        return total;
    }
}
