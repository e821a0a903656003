package io.msgsvc.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a host application gets from the starter alone, over real HTTP: {@link StarterTestApplication} (the starter,
 * Boot's embedded DataSource, a channel bean, Spring Security's users) on a random port with actuator and the
 * dashboard on. Registrations follow the application's {@code @Transactional} methods; the health endpoint shows
 * msgsvc; the metrics endpoint counts its sends; the dashboard is for signed-in users only.
 */
@SpringBootTest(
        classes = StarterTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "msgsvc.jdbc.migrate=true",
            "msgsvc.poll-interval=100ms",
            "msgsvc.dashboard.enabled=true",
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-components=always"
        })
class MsgsvcStarterHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final String SIGNED_IN = "Basic "
            + Base64.getEncoder()
                    .encodeToString((StarterTestApplication.USER + ":" + StarterTestApplication.PASSWORD)
                            .getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    OrderService orders;

    @Autowired
    RecordingChannel channel;

    @Autowired
    Msgsvc msgsvc;

    @Test
    void aRolledBackTransactionStoresNothing() {
        assertThatThrownBy(() -> orders.placeOrderThenFail(1, "+100"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payment declined");

        assertThat(msgsvc.reservations(OrderService.CUSTOMER, PageRequest.of(0, 100))
                        .items())
                .noneMatch(r -> "order-1".equals(r.idempotencyKey()));
        // a later order is sent: had the rolled-back one been stored, it would have gone by then too
        awaitCompleted(orders.placeOrder(4, "+400"));
        assertThat(channel.recipients()).contains("+400").doesNotContain("+100");
    }

    @Test
    void aCommittedTransactionSendsThroughTheChannelAndTheSendIsCounted() {
        double before = sentCount();

        Reservation r = orders.placeOrder(2, "+200");

        awaitCompleted(r);
        assertThat(channel.recipients()).containsOnlyOnce("+200");
        assertThat(sentCount() - before).isEqualTo(1);
    }

    @Test
    void theHealthEndpointShowsMsgsvcUp() {
        HttpResponse<String> health = get("/actuator/health", "application/json", null);

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json(health);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("msgsvc").path("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void theDashboardIsForSignedInUsersOnly() {
        Reservation r = orders.placeOrder(3, "+300");

        HttpResponse<String> anonymousPage = get("/msgsvc/", "text/html", null);
        assertThat(anonymousPage.statusCode()).isIn(302, 401);
        if (anonymousPage.statusCode() == 302) {
            assertThat(anonymousPage.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        }
        assertThat(get("/msgsvc/api/reservations", "application/json", null).statusCode())
                .isEqualTo(401);

        HttpResponse<String> page = get("/msgsvc/", "text/html", SIGNED_IN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        HttpResponse<String> rows = get("/msgsvc/api/reservations", "application/json", SIGNED_IN);
        assertThat(rows.statusCode()).isEqualTo(200);
        assertThat(StreamSupport.stream(json(rows).path("items").spliterator(), false)
                        .map(row -> row.path("reservationId").asText()))
                .contains(r.id().toString());
        awaitCompleted(r); // sent before the next test counts its own sends
    }

    /** Sends stored as sent, from the metrics endpoint: absent until the registry has the meter. */
    private double sentCount() {
        HttpResponse<String> metric = get("/actuator/metrics/msgsvc.sends?tag=outcome:sent", "application/json", null);
        if (metric.statusCode() == 404) {
            return 0;
        }
        assertThat(metric.statusCode()).isEqualTo(200);
        return StreamSupport.stream(json(metric).path("measurements").spliterator(), false)
                .filter(m -> "COUNT".equals(m.path("statistic").asText()))
                .mapToDouble(m -> m.path("value").asDouble())
                .sum();
    }

    private void awaitCompleted(Reservation r) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> msgsvc.reservation(OrderService.CUSTOMER, r.id())
                                .reservation()
                                .status()
                        == ReservationStatus.COMPLETED);
    }

    private HttpResponse<String> get(String path, String accept, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", accept)
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
