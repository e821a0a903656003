package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.kafka.TestKafka;
import io.msgsvc.spi.EventTransport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application on PostgreSQL and Kafka, switched by configuration alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// closed after the class: its engine would otherwise go on reaching for servers the class stopped
@DirtiesContext
class PostgresKafkaConfigurationTest {
    private static final TestKafka KAFKA = TestKafka.start();
    private static final HikariDataSource POSTGRES = (HikariDataSource) TestDatabases.postgres();

    @DynamicPropertySource
    static void postgresAndKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("msgsvc.transport", () -> "kafka");
        registry.add("msgsvc.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("msgsvc.kafka.partitions", () -> "2");
    }

    @AfterAll
    static void stopServers() {
        POSTGRES.close();
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EventTransport transport;

    @Test
    void aReservationTravelsThroughKafkaAndPostgreSql() {
        ApiClient acme = new ApiClient(port, "acme-key");
        ApiClient.Reply created = acme.post(
                "/api/reservations", "{\"text\":\"Hi\",\"recipients\":[\"+8210-1\",\"+8210-2\",\"+8210-3\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();

        // the status is a projection: it only moves if the events went out through the broker and came back
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "COMPLETED"
                        .equals(acme.get("/api/reservations/" + id)
                                .body()
                                .path("reservation")
                                .path("status")
                                .asText()));
        // billing is another projection with its own consumer group: it may still be a step behind the status
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                acme.get("/api/billing").body().path("charges").asLong())
                        .isEqualTo(3));
        assertThat(transport).isInstanceOf(KafkaEventTransport.class);
    }
}
