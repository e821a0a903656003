package io.msgsvc.micrometer;

import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_SPAN;
import static io.msgsvc.micrometer.MicrometerTracing.PROJECTION_TAG;
import static io.msgsvc.micrometer.MicrometerTracing.SEND_SPAN;
import static io.msgsvc.micrometer.Spans.childOf;
import static io.msgsvc.micrometer.Spans.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.Role;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over a real Kafka broker the projections run in another engine with a tracer of its own, as in another process:
 * their spans continue the trace the reservation was registered in, which that engine reads from the shared
 * database by the events' reservation id.
 */
class KafkaTracingTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestKafka kafka;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final DataSource database = TestDatabases.postgres();
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
        ((AutoCloseable) database).close();
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private Msgsvc node(MsgsvcBuilder builder, OtelTracing tracing, Role... roles) {
        return opened(builder.storage(opened(JdbcStorage.builder(database)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build()))
                .eventTransport(KafkaEventTransport.builder(kafka.bootstrapServers())
                        .topic("events-" + run)
                        .partitions(3)
                        .groupIdPrefix(run + "-")
                        .publishTimeout(Duration.ofSeconds(5))
                        .build())
                .roles(roles)
                .pollInterval(Duration.ofMillis(200))
                .tracePropagation(tracing.propagation())
                .build()
                .start());
    }

    @Test
    void theProjectingEngineContinuesTheTraceOfTheReserve() {
        OtelTracing sending = opened(new OtelTracing());
        OtelTracing projecting = opened(new OtelTracing());
        Msgsvc sender = node(
                Msgsvc.builder().channel(message -> SendOutcome.accepted("ref")), sending, Role.SENDER, Role.RELAY);
        Msgsvc projector =
                node(Msgsvc.builder(), projecting, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD);

        OtelTracing.InSpan<Reservation> reserved = sending.inSpan(
                "POST /campaigns",
                () -> sender.reserve(ReservationRequest.builder()
                        .customerId("acme")
                        .text("Sale 10%")
                        .recipients("+100", "+200")
                        .build()));
        await().atMost(WAIT)
                .until(() -> projector
                                .reservation("acme", reserved.value().id())
                                .reservation()
                                .status()
                        == ReservationStatus.COMPLETED);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(projecting.ended(PROJECTION_SPAN))
                        .extracting(s -> tag(s, PROJECTION_TAG))
                        .contains("billing", "statistics", "status", "dashboard"));
        assertThat(projecting.ended(PROJECTION_SPAN))
                .allSatisfy(span -> assertThat(childOf(span, reserved.span()))
                        .as("a child of the reserve's span, in the other process")
                        .isTrue());
        await().atMost(WAIT).until(() -> sending.ended(SEND_SPAN).size() == 2);
        assertThat(sending.ended(SEND_SPAN))
                .allSatisfy(send -> assertThat(childOf(send, reserved.span())).isTrue());
        assertThat(sending.ended(PROJECTION_SPAN))
                .as("the sender projects nothing")
                .isEmpty();
    }
}
