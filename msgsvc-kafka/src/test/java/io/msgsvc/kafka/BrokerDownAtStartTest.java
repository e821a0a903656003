package io.msgsvc.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcHealth;
import io.msgsvc.Role;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.testkit.RecordingChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Engines started while the broker is down: start returns at once, the sending engine sends (it needs only the
 * database), its events wait in the outbox, both engines report the broker as degraded, and once the broker is back
 * the topics are created, the relay publishes and the projecting engine catches up, each effect once.
 */
class BrokerDownAtStartTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestKafka kafka;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final DataSource database = TestDatabases.postgres();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final RecordingChannel channel =
            new RecordingChannel(m -> m.recipient().endsWith("9")
                    ? SendOutcome.permanentFailure("no such number")
                    : SendOutcome.accepted("ref-" + m.idempotencyKey()));

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

    @Test
    void anEngineStartedWhileTheBrokerIsDownSendsAndItsEventsReachTheProjectionsOnceTheBrokerIsBack() throws Exception {
        List<Reservation> booked;
        Msgsvc sender;
        Msgsvc projector;
        kafka.stopBroker();
        try {
            sender = started(engine("sender", Role.SENDER, Role.RELAY));
            projector = started(engine("projector", Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD));

            booked = book(sender, 6, 10);
            await().atMost(WAIT).until(() -> booked.stream().allMatch(r -> ended(sender, r)));
            assertThat(channel.calls()).hasSize(60);

            await().atMost(WAIT).untilAsserted(() -> {
                MsgsvcHealth health = sender.health();
                assertThat(health.healthy()).isTrue();
                assertThat(health.degraded()).isTrue();
                assertThat(health.transport().transport()).isEqualTo("Kafka at " + kafka.bootstrapServers());
                // not merely "not connected yet": the link has tried, and says what it waits for
                assertThat(health.transport().problem()).contains("cannot create topic offline-" + run);
                assertThat(health.outbox().unpublished()).isPositive();
            });
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(projector.health().degraded()).isTrue();
                assertThat(projector.health().transport().problem()).contains("cannot create topic");
            });
            assertThat(projector.billing("c0").charges()).isZero();
            assertThat(projector.dashboard("c0", booked.get(0).id()).status().isTerminal())
                    .isFalse();
        } finally {
            kafka.restartBroker();
        }

        await().atMost(WAIT).until(() -> booked.stream().allMatch(r -> projectedToTheEnd(projector, r)));
        for (String customer : List.of("c0", "c1", "c2")) {
            long sent = booked.stream()
                    .filter(r -> r.customerId().equals(customer))
                    .flatMap(r -> sender.reservation(customer, r.id()).deliveries().stream())
                    .filter(d -> d.state() == DeliveryState.SENT)
                    .count();
            await().atMost(WAIT).until(() -> projector.billing(customer).charges() == sent);
            assertThat(projector
                            .statistics(customer, Instant.EPOCH, Instant.MAX)
                            .totals()
                            .sent())
                    .isEqualTo(sent);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sender.health().transportReachable()).isTrue();
            assertThat(sender.health().degraded()).isFalse();
            assertThat(sender.health().outbox().unpublished()).isZero();
            assertThat(projector.health().transportReachable()).isTrue();
        });
        try (Admin admin = kafka.admin()) {
            var topic = admin.describeTopics(List.of("offline-" + run))
                    .allTopicNames()
                    .get()
                    .get("offline-" + run);
            // created by the transport with its partitions, not by the broker on a consumer's request
            assertThat(topic.partitions()).hasSize(3);
        }
    }

    private Msgsvc engine(String name, Role... roles) {
        JdbcStorage storage = JdbcStorage.builder(database)
                .migrate(true)
                .cleanupInterval(null)
                .build();
        opened.add(storage);
        KafkaEventTransport transport = KafkaEventTransport.builder(kafka.bootstrapServers())
                .topic("offline-" + run)
                .partitions(3)
                .groupIdPrefix(run + "-")
                .publishTimeout(Duration.ofSeconds(3))
                .build();
        Msgsvc node = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .eventTransport(transport)
                .roles(roles)
                .pollInterval(Duration.ofMillis(200))
                .nodeId(name + "-" + run)
                .build();
        opened.add(node);
        return node;
    }

    /** Starts without waiting for the broker: it used to wait 30 s for the topic, then throw. */
    private static Msgsvc started(Msgsvc node) {
        long before = System.nanoTime();
        node.start();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        return node;
    }

    private static List<Reservation> book(Msgsvc entry, int reservations, int recipients) {
        List<Reservation> booked = new ArrayList<>();
        for (int r = 0; r < reservations; r++) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < recipients; i++) {
                list.add("+82-" + r + "-" + i);
            }
            booked.add(entry.reserve(ReservationRequest.builder()
                    .customerId("c" + (r % 3))
                    .text("Sale " + r)
                    .recipients(list)
                    .build()));
        }
        return booked;
    }

    private static boolean ended(Msgsvc node, Reservation r) {
        return node.reservation(r.customerId(), r.id()).deliveries().stream()
                .map(Delivery::state)
                .allMatch(DeliveryState::isTerminal);
    }

    private static boolean projectedToTheEnd(Msgsvc projector, Reservation r) {
        return projector
                        .reservation(r.customerId(), r.id())
                        .reservation()
                        .status()
                        .isTerminal()
                && projector.dashboard(r.customerId(), r.id()).status().isTerminal();
    }
}
