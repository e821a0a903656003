package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.kafka.DashboardBroadcast;
import io.msgsvc.kafka.TestKafka;
import io.msgsvc.spring.boot.dashboard.sample.DashboardStreamTest.EventStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas of one web application on one database and one Kafka broker. Replica A plays every role, so it
 * sends and projects; replica B only sends and plays no projection role, so its dashboard can only learn of a row
 * from the rows replica A broadcasts after its commits.
 */
class DashboardTwoReplicasTest {
    private static TestKafka kafka;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startBroker() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aReservationSentThroughReplicaAShowsLiveOnADashboardOpenedOnReplicaB() throws Exception {
        // one H2 database, shared by both contexts of this JVM
        String database = "jdbc:h2:mem:replicas-" + run + ";DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext a =
                        replica("a", database, "SENDER,RELAY,STATUS,BILLING,STATISTICS,DASHBOARD");
                ConfigurableApplicationContext b = replica("b", database, "SENDER")) {
            // at start-up, before its pages open: from then on no committed row passes it by
            await().atMost(Duration.ofSeconds(60)).until(b.getBean(DashboardBroadcast.class)::isFollowing);
            int portB = b.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

            try (EventStream onB = EventStream.open(DashboardHttp.as(portB, "ops", "ops-pw"), "")) {
                onB.awaitLine(line -> line.equals("event:ready"));

                Reservation sent = a.getBean(Msgsvc.class)
                        .reserve(ReservationRequest.builder()
                                .customerId("acme")
                                .text("Live on every replica")
                                .recipients("+1", "+2")
                                .sendAt(Instant.now())
                                .build());

                String id = sent.id().toString();
                String row = onB.awaitLine(
                        line -> line.startsWith("data:") && line.contains(id) && line.contains("\"sent\":2"));
                assertThat(row).contains("\"customerId\":\"acme\"").contains("\"total\":2");
            }
        }
    }

    private ConfigurableApplicationContext replica(String node, String database, String roles) {
        return new SpringApplicationBuilder(DashboardTestApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + database,
                        "msgsvc.jdbc.migrate=true",
                        "msgsvc.poll-interval=100ms",
                        "msgsvc.node-id=" + node + "-" + run,
                        "msgsvc.roles=" + roles,
                        "msgsvc.dashboard.enabled=true",
                        "msgsvc.transport=kafka",
                        "msgsvc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "msgsvc.kafka.partitions=2",
                        "msgsvc.kafka.topic=events-" + run,
                        "msgsvc.kafka.group-id-prefix=" + run + "-",
                        "msgsvc.kafka.dashboard-broadcast.topic=dashboard-" + run)
                .run();
    }
}
