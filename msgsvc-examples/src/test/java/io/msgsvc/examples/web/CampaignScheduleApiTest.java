package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.examples.web.ApiClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API's campaign schedule fields: a local send time as Naver SENS takes it ({@code reserveTime},
 * {@code reserveTimeZone}), a delivery window with the next send time it leads to, expiry, and their field errors.
 */
@RunningExample
class CampaignScheduleApiTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    ApiClient acme;

    @BeforeEach
    void client() {
        acme = new ApiClient(port, "acme-key");
    }

    @Test
    void aLocalSendTimeIsResolvedByTheDaylightSavingRuleAndShownWithItsZone() {
        // 02:30 is skipped on 31 March 2030 in Berlin: moved on by the hour, to 03:30 CEST
        Reply berlin = acme.post("/api/reservations", """
                {"text": "Hi", "recipients": ["+100"], "reserveTime": "2030-03-31 02:30",
                 "reserveTimeZone": "Europe/Berlin"}""");
        Reply seoul = acme.post("/api/reservations", """
                {"text": "Hi", "recipients": ["+100"], "reserveTime": "2030-01-01 09:00"}""");

        assertThat(berlin.status()).isEqualTo(201);
        assertThat(berlin.body().get("sendAt").asText()).isEqualTo("2030-03-31T01:30:00Z");
        assertThat(berlin.body().get("reserveTime").asText()).isEqualTo("2030-03-31 03:30");
        assertThat(berlin.body().get("reserveTimeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(seoul.body().get("sendAt").asText())
                .as("Asia/Seoul by default")
                .isEqualTo("2030-01-01T00:00:00Z");
        assertThat(seoul.body().get("reserveTimeZone").asText()).isEqualTo("Asia/Seoul");
        Reply read = acme.get("/api/reservations/" + berlin.body().get("id").asText());
        assertThat(read.body().get("reservation").get("reserveTime").asText()).isEqualTo("2030-03-31 03:30");
    }

    @Test
    void aReservationOutsideItsWindowWaitsAndShowsWhenItWillBeSent() {
        LocalTime from = LocalTime.now(ZoneOffset.UTC).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        LocalTime to = from.plusHours(1);
        Instant expireAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Reply created = acme.post("/api/reservations", """
                {"text": "Later", "recipients": ["+100"],
                 "deliveryWindow": {"from": "%s", "to": "%s", "zone": "UTC"}, "expireAt": "%s"}""".formatted(from, to, expireAt));

        assertThat(created.status()).as("%s", created.raw().body()).isEqualTo(201);
        Instant opens = DeliveryWindow.daily(from, to, ZoneOffset.UTC).nextOpening(Instant.now());
        String id = created.body().get("id").asText();
        assertThat(created.body().get("deliveryWindow").get("from").asText()).isEqualTo(from.toString());
        assertThat(created.body().get("deliveryWindow").get("days").size()).isEqualTo(7);
        assertThat(created.body().get("expireAt").asText()).isEqualTo(expireAt.toString());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> opens.toString()
                        .equals(acme.get("/api/reservations/" + id)
                                .body()
                                .get("nextSendAt")
                                .asText()));
        assertThat(acme.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("sent")
                        .asInt())
                .isZero();
        // due at once, claimed and put off without starting: still scheduled while it waits for its window
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "outside its delivery window"
                        .equals(acme.get("/api/reservations/" + id)
                                .body()
                                .get("deliveries")
                                .get(0)
                                .path("detail")
                                .asText()));
        assertThat(acme.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("status")
                        .asText())
                .isEqualTo("SCHEDULED");
        acme.post("/api/reservations/" + id + "/cancel", "{}");
    }

    @Test
    void badScheduleFieldsAreRefusedNamingTheField() {
        Instant now = Instant.now();
        assertProblem(
                post("\"sendAt\": \"2030-01-01T00:00:00Z\", \"reserveTime\": \"2030-01-01 09:00\""), "reserveTime");
        assertProblem(post("\"reserveTime\": \"2030-01-01T09:00\""), "reserveTime");
        assertProblem(
                post("\"reserveTime\": \"2030-01-01 09:00\", \"reserveTimeZone\": \"Mars/Base\""), "reserveTimeZone");
        assertProblem(post("\"reserveTimeZone\": \"Asia/Seoul\""), "reserveTimeZone");
        assertProblem(
                post("\"deliveryWindow\": {\"from\": \"9am\", \"to\": \"17:00\", \"zone\": \"UTC\"}"),
                "deliveryWindow.from");
        assertProblem(
                post(
                        "\"deliveryWindow\": {\"days\": [\"Funday\"], \"from\": \"09:00\", \"to\": \"17:00\", \"zone\": \"UTC\"}"),
                "deliveryWindow.days[0]");
        assertProblem(post("\"expireAt\": \"tomorrow\""), "expireAt");
        assertProblem(post("\"maxLateness\": \"6h\""), "maxLateness");
        assertProblem(
                post("\"expireAt\": \"%s\", \"maxLateness\": \"PT1H\"".formatted(now.plusSeconds(600))), "maxLateness");
        assertProblem(
                post("\"sendAt\": \"%s\", \"maxLateness\": \"PT1H\"".formatted(now.minus(Duration.ofHours(3)))),
                "sendAt");
        assertProblem(post("\"reserveTime\": \"2020-01-01 09:00\", \"maxLateness\": \"PT1H\""), "reserveTime");
        assertProblem(post("\"reserveTime\": \"1969-12-31 23:00\", \"reserveTimeZone\": \"UTC\""), "reserveTime");
        String window = "\"deliveryWindow\": {\"from\": \"%s\", \"to\": \"%s\", \"zone\": \"UTC\"}"
                .formatted(
                        LocalTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(ChronoUnit.MINUTES),
                        LocalTime.now(ZoneOffset.UTC).plusHours(4).truncatedTo(ChronoUnit.MINUTES));
        assertProblem(post(window + ", \"expireAt\": \"%s\"".formatted(now.plus(Duration.ofHours(1)))), "expireAt");
    }

    private Reply post(String members) {
        return acme.post("/api/reservations", "{\"text\": \"x\", \"recipients\": [\"+1\"], " + members + "}");
    }

    private static void assertProblem(Reply reply, String field) {
        assertThat(reply.status()).as("status of %s", reply.raw().body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().get("field").asText())
                .as("field of %s", reply.raw().body())
                .isEqualTo(field);
    }
}
