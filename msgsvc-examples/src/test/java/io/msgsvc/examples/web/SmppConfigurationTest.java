package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.smpp.SmppChannel;
import io.msgsvc.smpp.SmscSimulator;
import io.msgsvc.smpp.SmscSubmit;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same application sending through an SMSC over SMPP, switched on by configuration alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// closed after the class: its engine would otherwise go on reaching for servers the class stopped
@DirtiesContext
class SmppConfigurationTest {
    private static final SmscSimulator SMSC = SmscSimulator.start("web", "secret");

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:smpp-web;DB_CLOSE_DELAY=-1");
        registry.add("example.smpp.host", () -> "127.0.0.1");
        registry.add("example.smpp.port", SMSC::port);
        registry.add("example.smpp.system-id", () -> "web");
        registry.add("example.smpp.password", () -> "secret");
        registry.add("example.smpp.source-address", () -> "15880000");
    }

    @AfterAll
    static void stopSmsc() {
        SMSC.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MessageChannel channel;

    @Test
    void aReservationIsSubmittedOverSmppAndItsReceiptsComeBack() {
        ApiClient acme = new ApiClient(port, "acme-key");
        ApiClient.Reply created = acme.post(
                "/api/reservations", "{\"text\":\"Hi\",\"recipients\":[\"+8210-1\",\"+8210-2\",\"+8210-3\"]}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "COMPLETED"
                        .equals(acme.get("/api/reservations/" + id)
                                .body()
                                .path("reservation")
                                .path("status")
                                .asText()));
        assertThat(channel).isInstanceOf(SmppChannel.class);
        // the simulator notes submits as its threads take them; the sequence numbers are the order they were written in
        assertThat(SMSC.submits().stream()
                        .sorted(Comparator.comparingInt(SmscSubmit::sequenceNumber))
                        .map(SmscSubmit::destinationAddr))
                .containsExactly("82101", "82102", "82103");
        assertThat(SMSC.receiptAnswers())
                .as("each receipt stored, then acknowledged")
                .hasSize(3)
                .allSatisfy(a -> assertThat(a.commandStatus()).isZero());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                acme.get("/api/billing").body().path("charges").asLong())
                        .isEqualTo(3));
    }
}
