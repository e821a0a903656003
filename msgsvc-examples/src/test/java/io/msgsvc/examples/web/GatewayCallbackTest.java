package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.examples.web.ApiClient.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateways' status callback: signed reports apply; forged, replayed, stale and malformed callbacks are refused
 * with problem+json naming the header or field at fault, and change nothing. The simulated gateway's own reports
 * are all lost here (a database of its own), so every delivery awaits the reports this test sends.
 */
@RunningExample
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:msgsvc-gateway-callback-test;DB_CLOSE_DELAY=-1",
            "example.channel.reports.lost-rate=1"
        })
class GatewayCallbackTest {
    private static final String SECRET = "test-gateway-secret-0123456789";
    private static final String PATH = "/api/gateways/test-gateway/reports";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    ApiClient hooli;
    String reservation;
    List<String> references;

    @BeforeEach
    void aReservationAwaitingItsReports() {
        hooli = new ApiClient(port, "hooli-key");
        reservation = hooli.post("/api/reservations", """
                        {"text": "Hi", "recipients": ["+1", "+2", "+3"]}""").body().get("id").asText();
        await().atMost(PATIENCE).until(() -> status().equals("AWAITING_RESULTS"));
        references = new ArrayList<>();
        deliveries().forEach(d -> references.add(d.get("providerReference").asText()));
    }

    private String status() {
        return hooli.get("/api/reservations/" + reservation)
                .body()
                .get("reservation")
                .get("status")
                .asText();
    }

    private JsonNode deliveries() {
        return hooli.get("/api/reservations/" + reservation).body().get("deliveries");
    }

    private List<String> states() {
        List<String> states = new ArrayList<>();
        deliveries().forEach(d -> states.add(d.get("state").asText()));
        return states;
    }

    private Reply callback(String gateway, String body, long sentAt, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/gateways/" + gateway + "/reports"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body));
        if (sentAt >= 0) {
            request.header(GatewaySignatures.TIMESTAMP_HEADER, Long.toString(sentAt));
        }
        if (signature != null) {
            request.header(GatewaySignatures.SIGNATURE_HEADER, signature);
        }
        return ApiClient.send(request);
    }

    private Reply signed(String body) {
        long now = Instant.now().getEpochSecond();
        return callback("test-gateway", body, now, sign(now, body));
    }

    private static String sign(long sentAt, String body) {
        return GatewaySignatures.sign(
                SECRET.getBytes(StandardCharsets.UTF_8), Long.toString(sentAt), body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
    }

    private String report(int delivery, String status) {
        return "{\"messageId\": \"" + references.get(delivery) + "\", \"status\": \"" + status
                + "\", \"code\": \"000\", \"reportedAt\": \"" + Instant.now() + "\"}";
    }

    @Test
    void signedCallbacksApplyOneReportOrABatch() {
        Reply one = signed(report(0, "DELIVERED"));
        assertThat(one.status()).as(one.raw().body()).isEqualTo(200);
        assertThat(one.body().get("outcomes").get(0).asText()).isEqualTo("APPLIED");

        Reply batch = signed(
                "[" + report(1, "UNDELIVERED") + ", " + report(2, "buffered") + ", " + report(0, "DELIVERED") + "]");
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(200);
        assertThat(batch.body().get("outcomes"))
                .extracting(JsonNode::asText)
                .containsExactly("APPLIED", "INTERMEDIATE", "DUPLICATE");
        assertThat(states()).containsExactly("DELIVERED", "UNDELIVERED", "SUBMITTED");
        assertThat(deliveries().get(2).get("reportStatus").asText()).isEqualTo("BUFFERED");
    }

    @Test
    void forgedReplayedStaleAndUnsignedCallbacksAreRefusedAndChangeNothing() {
        String body = report(0, "DELIVERED");
        long now = Instant.now().getEpochSecond();

        assertRefused(callback("test-gateway", body, now, sign(now, report(0, "UNDELIVERED"))), 401, "X-Signature");
        assertRefused(callback("test-gateway", body, now, "sha256=" + "0".repeat(64)), 401, "X-Signature");
        assertRefused(callback("test-gateway", body, now, null), 401, "X-Signature");
        assertRefused(callback("test-gateway", body, -1, sign(now, body)), 401, "X-Timestamp");
        long tenMinutesAgo = now - 600;
        assertRefused(callback("test-gateway", body, tenMinutesAgo, sign(tenMinutesAgo, body)), 401, "X-Timestamp");
        assertRefused(callback("no-such-gateway", body, now, sign(now, body)), 401, "X-Signature");
        assertThat(states()).as("nothing changed").containsOnly("SUBMITTED");

        String replayed = report(1, "EXPIRED");
        long sentAt = Instant.now().getEpochSecond();
        assertThat(callback("test-gateway", replayed, sentAt, sign(sentAt, replayed))
                        .status())
                .isEqualTo(200);
        assertRefused(callback("test-gateway", replayed, sentAt, sign(sentAt, replayed)), 401, "X-Signature");
        assertThat(states()).containsExactly("SUBMITTED", "EXPIRED", "SUBMITTED");
    }

    @Test
    void malformedCallbacksNameTheirFieldAndChangeNothing() {
        assertRefused(signed("{\"messageId\": "), 400, "body");
        assertRefused(signed("\"DELIVERED\""), 400, "body");
        assertRefused(signed("[]"), 400, "body");
        assertRefused(signed(report(0, "ARRIVED")), 400, "status");
        assertRefused(signed("{\"status\": \"DELIVERED\"}"), 400, "messageId");
        assertRefused(signed("{\"deliveryId\": \"x/1\", \"status\": \"DELIVERED\"}"), 400, "deliveryId");
        assertRefused(signed("{\"messageId\": \"m\", \"status\": \"DELIVERED\", \"part\": \"two\"}"), 400, "part");
        assertRefused(signed("{\"messageId\": \"m\", \"status\": \"DELIVERED\", \"extra\": 1}"), 400, "extra");
        assertRefused(
                signed("[" + report(0, "DELIVERED") + ", {\"messageId\": \"m\", \"status\": \"DELIVERED\","
                        + " \"reportedAt\": \"yesterday\"}]"),
                400,
                "reports[1].reportedAt");
        assertThat(states())
                .as("nothing applied, not even the valid report before the bad one")
                .containsOnly("SUBMITTED");
    }
}
