package io.msgsvc.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.examples.web.ApiClient.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API, the starter's dashboard API and live stream as the example secures them, and the operations
 * endpoints, over real HTTP on a random port.
 */
@RunningExample
class DashboardApiTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    ApiClient acme;
    ApiClient globex;

    @BeforeEach
    void clients() {
        acme = new ApiClient(port, "acme-key");
        globex = new ApiClient(port, "globex-key");
    }

    // --- registering, reading, listing ---

    @Test
    void aReservationIsCreatedWithItsLocationAndSentToEveryRecipientInOrder() {
        Reply created = acme.post("/api/reservations", """
                {"text": "Sale 10%", "subject": "spring", "recipients": ["+100", "+200", "+300"]}""");

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        // relative: never built from the caller's Host header
        assertThat(created.header("Location")).hasValue("/api/reservations/" + id);
        assertThat(created.body().get("recipients").asInt()).isEqualTo(3);
        assertThat(created.body().get("subject").asText()).isEqualTo("spring");

        JsonNode details = awaitStatus(acme, id, "COMPLETED");
        assertThat(details.get("reservation").get("sent").asInt()).isEqualTo(3);
        List<JsonNode> deliveries = list(details.get("deliveries"));
        assertThat(deliveries).extracting(d -> d.get("recipient").asText()).containsExactly("+100", "+200", "+300");
        assertThat(deliveries).extracting(d -> d.get("sequence").asInt()).containsExactly(0, 1, 2);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.get("state").asText())
                    .as("sent, and reported delivered")
                    .isEqualTo("DELIVERED");
            assertThat(d.get("providerReference").asText()).startsWith("sms-");
            assertThat(d.get("detail").asText()).isEqualTo("DELIVERED (DELIVRD)");
        });
    }

    @Test
    void aReservationsOwnSendingSpeedIsKeptAndABadOneRefusedNamingItsPart() {
        Reply created = acme.post("/api/reservations", """
                {"text": "Slowly", "recipients": ["+100", "+200"], "sendingSpeed": {"messages": 90, "per": "minute"}}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode speed = created.body().get("sendingSpeed");
        assertThat(speed.get("messages").asInt()).isEqualTo(90);
        assertThat(speed.get("per").asText()).isEqualTo("minute");
        assertProblem(acme.post("/api/reservations", """
                {"text": "x", "recipients": ["+1"], "sendingSpeed": {"messages": 90, "per": "day"}}"""), 400, "sendingSpeed.per");
        assertProblem(acme.post("/api/reservations", """
                {"text": "x", "recipients": ["+1"], "sendingSpeed": {"messages": 0, "per": "hour"}}"""), 400, "sendingSpeed.messages");
        assertProblem(acme.post("/api/reservations", """
                {"text": "x", "recipients": ["+1"], "sendingSpeed": {"per": "hour"}}"""), 400, "sendingSpeed.messages");
    }

    @Test
    void theMessageKindAndNightConsentAreKeptAndABadKindRefused() {
        Reply ad = acme.post("/api/reservations", """
                {"text": "Sale", "recipients": ["+100"], "kind": "advertising", "nightConsent": true}""");
        Reply plain = acme.post("/api/reservations", """
                {"text": "Hello", "recipients": ["+100"]}""");

        assertThat(ad.status()).isEqualTo(201);
        assertThat(ad.body().get("kind").asText()).isEqualTo("advertising");
        assertThat(ad.body().get("nightConsent").asBoolean()).isTrue();
        assertThat(plain.body().get("kind").asText()).isEqualTo("informational");
        assertThat(plain.body().get("nightConsent").asBoolean()).isFalse();
        assertProblem(acme.post("/api/reservations", """
                {"text": "x", "recipients": ["+1"], "kind": "spam"}"""), 400, "kind");
    }

    @Test
    void anOverlongTextIsRejectedWhenItsDispatchStarts() {
        String id = reserve(acme, "Grand opening today!", "+1", "+2");

        JsonNode details = awaitStatus(acme, id, "REJECTED");
        assertThat(details.get("reservation").get("cancelled").asInt()).isEqualTo(2);
        assertThat(list(details.get("deliveries")))
                .allSatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void theCustomersReservationsAreListedNewestFirstInPages() {
        ApiClient initech = new ApiClient(port, "initech-key");
        String first = reserve(initech, "one", "+1");
        String second = reserve(initech, "two", "+1");
        String third = reserve(initech, "three", "+1");

        Reply page0 = initech.get("/api/reservations?page=0&size=2");
        Reply page1 = initech.get("/api/reservations?page=1&size=2");

        assertThat(page0.status()).isEqualTo(200);
        assertThat(ids(page0.body().get("items"))).containsExactly(third, second);
        assertThat(page0.body().get("totalItems").asLong()).isEqualTo(3);
        assertThat(page0.body().get("totalPages").asLong()).isEqualTo(2);
        assertThat(ids(page1.body().get("items"))).containsExactly(first);
        assertThat(ids(initech.get("/api/reservations").body().get("items"))).containsExactly(third, second, first);
    }

    // --- cancelling ---

    @Test
    void aScheduledReservationIsCancelledAndThenCannotBeCancelledAgain() {
        String id = reserveLater(acme);

        Reply cancelled = acme.post("/api/reservations/" + id + "/cancel", "");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("outcome").asText()).isEqualTo("CANCELLED");
        // the status is a projection of the cancellation event: it follows a moment later
        JsonNode details = awaitStatus(acme, id, "CANCELLED");
        assertThat(list(details.get("deliveries")))
                .allSatisfy(d -> assertThat(d.get("state").asText()).isEqualTo("CANCELLED"));

        Reply again = acme.post("/api/reservations/" + id + "/cancel", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith(PROBLEM_JSON);
        assertThat(again.body().get("reservationStatus").asText()).isEqualTo("CANCELLED");
        assertThat(again.body().get("status").asInt())
                .as("the HTTP status, alone under its name")
                .isEqualTo(409);
        assertThat(again.body().get("field").asText()).isEqualTo("reservationId");
    }

    @Test
    void deleteCancelsToo() {
        String id = reserveLater(acme);

        Reply deleted = acme.delete("/api/reservations/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("outcome").asText()).isEqualTo("CANCELLED");
        awaitStatus(acme, id, "CANCELLED");
    }

    // --- pausing, resuming, rescheduling ---

    @Test
    void aScheduledReservationIsPausedRescheduledAndResumedEachOnce() {
        String id = reserveLater(acme);

        Reply paused = acme.post("/api/reservations/" + id + "/pause", "");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body().get("outcome").asText()).isEqualTo("PAUSED");
        awaitStatus(acme, id, "PAUSED");
        assertThat(acme.post("/api/reservations/" + id + "/pause", "")
                        .body()
                        .get("outcome")
                        .asText())
                .isEqualTo("ALREADY_PAUSED");

        String later = Instant.now()
                .plus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Reply moved = acme.post("/api/reservations/" + id + "/reschedule", """
                {"sendAt": "%s"}""".formatted(later));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().get("outcome").asText()).isEqualTo("RESCHEDULED");
        assertThat(acme.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("sendAt")
                        .asText())
                .isEqualTo(later);

        Reply resumed = acme.post("/api/reservations/" + id + "/resume", "");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body().get("outcome").asText()).isEqualTo("RESUMED");
        awaitStatus(acme, id, "SCHEDULED"); // its new send time is still ahead
        assertThat(acme.post("/api/reservations/" + id + "/resume", "")
                        .body()
                        .get("outcome")
                        .asText())
                .isEqualTo("NOT_PAUSED");
    }

    @Test
    void aRescheduleTimeIsReadStrictlyAndRefusedNamingSendAt() {
        String id = reserveLater(acme);
        String path = "/api/reservations/" + id + "/reschedule";

        assertProblem(acme.post(path, """
                {"sendAt": "tomorrow"}"""), 400, "sendAt");
        assertProblem(acme.post(path, "{}"), 400, "sendAt");
        assertProblem(acme.post(path, """
                {"sendAt": 1893456000}"""), 400, "sendAt");
        assertProblem(acme.post(path, """
                {"sendAt": "+10000-01-01T00:00:00Z"}"""), 400, "sendAt");
        assertProblem(acme.post(path, """
                {"sendAt": "2030-01-01T00:00:00Z", "when": "now"}"""), 400, "when");
        assertProblem(acme.post(path, ""), 400, "body");
        assertThat(acme.get("/api/reservations/" + id)
                        .body()
                        .get("reservation")
                        .get("status")
                        .asText())
                .as("nothing changed")
                .isEqualTo("SCHEDULED");
    }

    @Test
    void aReschedulePastTheExpiryIsRefusedNamingSendAt() {
        Instant sendAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String lateByAnHour = """
                {"text": "Flash sale", "recipients": ["+1"], "sendAt": "%s", "maxLateness": "PT1H"}""";
        Reply created = acme.post("/api/reservations", lateByAnHour.formatted(sendAt));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();

        assertProblem(
                acme.post("/api/reservations/" + id + "/reschedule", """
                {"sendAt": "%s"}""".formatted(sendAt.plus(Duration.ofHours(2)))),
                400,
                "sendAt");
        JsonNode reservation = acme.get("/api/reservations/" + id).body().get("reservation");
        assertThat(reservation.get("sendAt").asText()).as("nothing changed").isEqualTo(sendAt.toString());
        assertThat(reservation.get("status").asText()).isEqualTo("SCHEDULED");
    }

    @Test
    void anEndedReservationIsNeitherPausedResumedNorRescheduled() {
        String id = reserveLater(acme);
        acme.post("/api/reservations/" + id + "/cancel", "");
        awaitStatus(acme, id, "CANCELLED");

        for (Reply refused : List.of(
                acme.post("/api/reservations/" + id + "/pause", ""),
                acme.post("/api/reservations/" + id + "/resume", ""),
                acme.post("/api/reservations/" + id + "/reschedule", """
                        {"sendAt": "2030-01-01T00:00:00Z"}"""))) {
            assertProblem(refused, 409, "reservationId");
            assertThat(refused.body().get("reservationStatus").asText()).isEqualTo("CANCELLED");
            assertThat(refused.body().get("detail").asText()).contains("it has ended");
        }
    }

    @Test
    void aCustomerCannotPauseResumeOrRescheduleAnotherCustomersReservation() {
        String globexId = reserveLater(globex);

        assertProblem(acme.post("/api/reservations/" + globexId + "/pause", ""), 404, "reservationId");
        assertProblem(acme.post("/api/reservations/" + globexId + "/resume", ""), 404, "reservationId");
        assertProblem(acme.post("/api/reservations/" + globexId + "/reschedule", """
                {"sendAt": "2030-01-01T00:00:00Z"}"""), 404, "reservationId");
        assertThat(globex.get("/api/reservations/" + globexId)
                        .body()
                        .get("reservation")
                        .get("status")
                        .asText())
                .isEqualTo("SCHEDULED");
    }

    // --- idempotency ---

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameReservation() {
        String key = "campaign-" + System.nanoTime();
        String body = """
                {"text": "Hello", "recipients": ["+1", "+2"]}""";

        Reply first = acme.post("/api/reservations", BodyPublishers.ofString(body), key);
        Reply retry = acme.post("/api/reservations", BodyPublishers.ofString(body), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("id").asText())
                .isEqualTo(first.body().get("id").asText());
        assertThat(retry.body().get("idempotencyKey").asText()).isEqualTo(key);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsAConflict() {
        String key = "campaign-" + System.nanoTime();
        acme.post("/api/reservations", BodyPublishers.ofString("""
                {"text": "Hello", "recipients": ["+1"]}"""), key);

        Reply conflict = acme.post("/api/reservations", BodyPublishers.ofString("""
                {"text": "Goodbye", "recipients": ["+1"]}"""), key);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith(PROBLEM_JSON);
        assertThat(conflict.body().get("field").asText()).isEqualTo("Idempotency-Key");
    }

    // --- bad requests: problem+json naming the field ---

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi", "recipients": ["+1", "+2", "+1"]}"""), 400, "recipients[2]");
        assertProblem(acme.post("/api/reservations", """
                {"recipients": ["+1"]}"""), 400, "text");
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi", "recipients": []}"""), 400, "recipients");
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi", "recipients": ["+1", " "]}"""), 400, "recipients[1]");
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi", "recipients": ["+1"], "sendAt": "tomorrow"}"""), 400, "sendAt");
        assertProblem(acme.post("/api/reservations", """
                {"text": "Hi", "recipients": "+1"}"""), 400, "recipients");
    }

    @Test
    void malformedJsonAndAMissingBodyAreBadRequests() {
        Reply malformed = acme.post("/api/reservations", "{\"text\": ");
        Reply missing = acme.post("/api/reservations", "");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith(PROBLEM_JSON);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith(PROBLEM_JSON);
    }

    @Test
    void badIdsAndParametersAreBadRequests() {
        assertProblem(acme.get("/api/reservations/not-an-id"), 400, "reservationId");
        assertProblem(acme.post("/api/reservations/not-an-id/cancel", ""), 400, "reservationId");
        assertProblem(acme.get("/api/reservations?page=-1"), 400, "page");
        assertProblem(acme.get("/api/reservations?size=0"), 400, "size");
        assertProblem(acme.get("/api/reservations?size=ten"), 400, "size");
        assertProblem(acme.get("/api/statistics?from=yesterday"), 400, "from");
        assertProblem(acme.get("/api/statistics?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), 400, "from");
    }

    @Test
    void anUnknownReservationIsNotFound() {
        Reply reply = acme.get("/api/reservations/" + java.util.UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().get("title").asText()).isEqualTo("Reservation not found");
    }

    // --- request size ---

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String oversized = paddedReservation(300 * 1024);

        Reply declared = acme.post("/api/reservations", oversized);
        // no Content-Length: the body arrives chunked and its bytes are counted
        Reply chunked = acme.post(
                "/api/reservations",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized.getBytes())),
                null);

        for (Reply reply : List.of(declared, chunked)) {
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
            assertThat(reply.body().get("maxBytes").asInt()).isEqualTo(256 * 1024);
        }
    }

    @Test
    void aLargeBodyWithinTheLimitIsReadIntact() {
        String body = paddedReservation(200 * 1024);

        Reply declared = acme.post("/api/reservations", body);
        Reply chunked = acme.post(
                "/api/reservations",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())),
                null);

        assertThat(declared.status()).isEqualTo(201);
        assertThat(chunked.status()).isEqualTo(201);
        assertThat(chunked.body().get("text").asText()).isEqualTo("Big");
    }

    // --- authentication and isolation ---

    @Test
    void everyApiCallNeedsAValidApiKey() {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient impostor = new ApiClient(port, "not-a-key");

        for (ApiClient client : List.of(anonymous, impostor)) {
            for (Reply reply : List.of(
                    client.get("/api/reservations"),
                    client.get("/api/billing"),
                    client.get("/api/statistics"),
                    client.post("/api/reservations", """
                            {"text": "Hi", "recipients": ["+1"]}"""))) {
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
                assertThat(reply.header("WWW-Authenticate")).isPresent();
            }
        }
        // the dashboard is signed in to, not opened with a key
        assertThat(anonymous.get(DashboardSession.API + "/stream").status()).isEqualTo(401);
        assertThat(new ApiClient(port, "acme-key")
                        .get(DashboardSession.API + "/stream")
                        .status())
                .isEqualTo(401);
        assertThat(DashboardSession.anonymous(port)
                        .get(DashboardSession.API + "/me")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theOperatorKeyIsNoCustomersKey() {
        Reply refused = new ApiClient(port, "test-operator-key").get("/api/reservations");

        assertProblem(refused, 403, "X-Api-Key");
    }

    @Test
    void aCustomerCannotReadListOrCancelAnotherCustomersReservation() {
        String globexId = reserveLater(globex);
        String unknownId = java.util.UUID.randomUUID().toString();

        Reply read = acme.get("/api/reservations/" + globexId);
        Reply cancel = acme.post("/api/reservations/" + globexId + "/cancel", "");
        Reply delete = acme.delete("/api/reservations/" + globexId);
        Reply unknown = acme.get("/api/reservations/" + unknownId);

        for (Reply reply : List.of(read, cancel, delete)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
            // answered exactly like an id that does not exist
            assertThat(reply.body().get("title")).isEqualTo(unknown.body().get("title"));
            assertThat(reply.body().get("detail").asText())
                    .isEqualTo(unknown.body().get("detail").asText().replace(unknownId, globexId));
        }
        assertThat(ids(acme.get("/api/reservations?size=1000").body().get("items")))
                .doesNotContain(globexId);
        assertThat(globex.get("/api/reservations/" + globexId)
                        .body()
                        .get("reservation")
                        .get("status")
                        .asText())
                .isEqualTo("SCHEDULED");
        globex.post("/api/reservations/" + globexId + "/cancel", "");
    }

    // --- statistics and billing ---

    @Test
    void statisticsAndBillingCountEverySentMessageOnce() {
        ApiClient hooli = new ApiClient(port, "hooli-key");
        String id = reserve(hooli, "Hi", "+1", "+2");
        awaitStatus(hooli, id, "COMPLETED");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode billing = hooli.get("/api/billing").body();
            assertThat(billing.get("customerId").asText()).isEqualTo("hooli");
            assertThat(billing.get("charges").asLong()).isEqualTo(2);
            assertThat(billing.get("amount").decimalValue()).isEqualByComparingTo("2");
        });
        Reply statistics = hooli.get("/api/statistics");
        assertThat(statistics.status()).isEqualTo(200);
        JsonNode totals = statistics.body().get("totals");
        assertThat(totals.get("reservations").asLong()).isEqualTo(1);
        assertThat(totals.get("submitted").asLong())
                .as("the gateway reports delivery")
                .isEqualTo(2);
        assertThat(totals.get("delivered").asLong()).isEqualTo(2);
        assertThat(totals.get("sent").asLong()).isZero();
        assertThat(totals.get("failed").asLong()).isZero();
        assertThat(statistics.body().get("buckets")).hasSize(1);

        JsonNode before = hooli.get("/api/statistics?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
                .body();
        assertThat(before.get("totals").get("submitted").asLong()).isZero();
        assertThat(before.get("buckets")).isEmpty();
    }

    // --- the dashboard's live stream (the starter's, signed in) ---

    @Test
    void theDashboardStreamSendsLiveRowsOfItsCustomerOnlyAndTheOperatorsOfEveryone() {
        DashboardSession acmeSession = DashboardSession.signIn(port, "acme", "acme-key");
        DashboardSession globexSession = DashboardSession.signIn(port, "globex", "globex-key");
        DashboardSession operator = DashboardSession.signIn(port, "operator", "test-operator-key");
        Queue<String> acmeEvents = new ConcurrentLinkedQueue<>();
        Queue<String> globexEvents = new ConcurrentLinkedQueue<>();
        Queue<String> operatorEvents = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<HttpResponse<Stream<String>>>> streams = List.of(
                acmeSession.stream("", acmeEvents),
                globexSession.stream("", globexEvents),
                operator.stream("", operatorEvents));
        try {
            await().atMost(PATIENCE)
                    .until(() -> acmeEvents.contains("event:ready")
                            && globexEvents.contains("event:ready")
                            && operatorEvents.contains("event:ready"));
            assertThat(streams.get(0).join().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            String id = reserve(acme, "Live", "+1", "+2", "+3");

            for (Queue<String> events : List.of(acmeEvents, operatorEvents)) {
                await().atMost(PATIENCE)
                        .until(() -> events.stream()
                                .anyMatch(line -> line.startsWith("data:")
                                        && line.contains("\"reservationId\":\"" + id + "\"")
                                        && line.contains("\"progressPercent\":100")));
            }
            assertThat(globexEvents).noneMatch(line -> line.contains(id));
        } finally {
            streams.forEach(
                    stream -> stream.thenAccept(response -> response.body().close()));
        }
    }

    @Test
    void theDashboardListsACustomersOwnRowsAndTheOperatorAnyCustomers() {
        String acmeId = reserveLater(acme);
        String globexId = reserveLater(globex);
        DashboardSession acmeSession = DashboardSession.signIn(port, "acme", "acme-key");
        DashboardSession operator = DashboardSession.signIn(port, "operator", "test-operator-key");

        List<String> acmeRows = dashboardIds(acmeSession.get(DashboardSession.API + "/reservations?size=200"));
        assertThat(acmeRows).contains(acmeId).doesNotContain(globexId);
        assertProblem(acmeSession.get(DashboardSession.API + "/reservations?customerId=globex"), 403, "customerId");
        assertProblem(acmeSession.get(DashboardSession.API + "/reservations/" + globexId), 404, "id");
        assertThat(dashboardIds(operator.get(DashboardSession.API + "/reservations?customerId=globex&size=200")))
                .contains(globexId);
        assertThat(operator.get(DashboardSession.API + "/me")
                        .body()
                        .get("operator")
                        .asBoolean())
                .isTrue();
        JsonNode me = acmeSession.get(DashboardSession.API + "/me").body();
        assertThat(me.get("customerId").asText()).isEqualTo("acme");
        assertThat(me.get("actions").asBoolean()).isTrue();
        acme.post("/api/reservations/" + acmeId + "/cancel", "");
        globex.post("/api/reservations/" + globexId + "/cancel", "");
    }

    // --- operations ---

    @Test
    void healthProbesAreOpenWithoutDetailsAndTheRestIsTheOperators() {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient operator = ApiClient.operator(port);
        awaitStatus(acme, reserve(acme, "Metrics", "+1"), "COMPLETED");

        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Reply reply = anonymous.get(probe);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.body().get("status").asText()).as(probe).isEqualTo("UP");
            assertThat(reply.raw().body())
                    .as("%s says up or down, nothing of the node", probe)
                    .doesNotContain("components", "details", "node", "diskSpace", "/");
        }
        assertThat(operator.get("/actuator/health/readiness")
                        .body()
                        .get("components")
                        .get("msgsvc")
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        for (String closed : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            Reply refused = anonymous.get(closed);
            assertThat(refused.status()).as(closed).isEqualTo(401);
            assertThat(refused.contentType()).startsWith(PROBLEM_JSON);
            assertThat(refused.body().get("field").asText()).isEqualTo("X-Operator-Key");
            assertThat(new ApiClient(port, null, Map.of("X-Operator-Key", "wrong"))
                            .get(closed)
                            .status())
                    .isEqualTo(401);
            assertThat(new ApiClient(port, null, Map.of("Authorization", "Bearer wrong"))
                            .get(closed)
                            .status())
                    .isEqualTo(401);
        }
        assertThat(new ApiClient(port, null, Map.of("Authorization", "Bearer test-operator-key"))
                        .get("/actuator/prometheus")
                        .status())
                .as("a Prometheus scrape with the key as its bearer token")
                .isEqualTo(200);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics = operator.get("/actuator/prometheus").raw().body();
            // the starter's meters (msgsvc-micrometer), counted by this node where it did the work; the simulated
            // gateway reports delivery, so its accepted sends are "submitted"
            assertThat(metrics).containsPattern("msgsvc_sends_messages_total\\{[^}]*outcome=\"submitted\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("msgsvc_sends_messages_total\\{[^}]*outcome=\"failed_");
            assertThat(metrics).containsPattern("msgsvc_reports_total\\{[^}]*state=\"delivered\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("msgsvc_reservations_registered_reservations_total(\\{[^}]*})? [1-9]");
        });
    }

    @Test
    void theFrontDoorLeadsToTheDashboardThroughItsSignInPage() {
        DashboardSession nobody = DashboardSession.anonymous(port);

        assertThat(nobody.page("/").header("Location")).hasValue("/msgsvc/");
        Reply dashboard = nobody.page("/msgsvc/");
        assertThat(dashboard.status()).isEqualTo(302);
        assertThat(dashboard.header("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        Reply signIn = nobody.page("/login");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.contentType()).startsWith("text/html");
        assertThat(DashboardSession.signIn(port, "acme", "acme-key")
                        .get("/msgsvc/")
                        .status())
                .isEqualTo(200);
    }

    // --- helpers ---

    private static String reserve(ApiClient client, String text, String... recipients) {
        StringBuilder json = new StringBuilder("{\"text\": \"" + text + "\", \"recipients\": [");
        for (int i = 0; i < recipients.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(recipients[i]).append('"');
        }
        Reply reply = client.post("/api/reservations", json.append("]}").toString());
        assertThat(reply.status()).as("registration: %s", reply.raw().body()).isEqualTo(201);
        return reply.body().get("id").asText();
    }

    /** A reservation due in an hour: it stays SCHEDULED for the whole test. */
    private static String reserveLater(ApiClient client) {
        String sendAt = Instant.now().plus(Duration.ofHours(1)).toString();
        Reply reply = client.post("/api/reservations", """
                {"text": "Later", "recipients": ["+1", "+2"], "sendAt": "%s"}""".formatted(sendAt));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().get("id").asText();
    }

    private static JsonNode awaitStatus(ApiClient client, String id, String status) {
        return await().atMost(PATIENCE)
                .until(
                        () -> client.get("/api/reservations/" + id).body(),
                        details -> details.get("reservation")
                                .get("status")
                                .asText()
                                .equals(status));
    }

    private static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as("status of %s", reply.raw().body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.body().get("status").asInt()).isEqualTo(status);
        assertThat(reply.body().get("field"))
                .as("field of %s", reply.raw().body())
                .isNotNull();
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
    }

    /** A valid reservation of one recipient, padded with an ignored property to about {@code bytes}. */
    /** A reservation padded with white space between its members (bodies are read strictly: no extra member). */
    private static String paddedReservation(int bytes) {
        return "{\"text\": \"Big\"," + " ".repeat(bytes) + "\"recipients\": [\"+1\"]}";
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> dashboardIds(Reply page) {
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return list(page.body().get("items")).stream()
                .map(row -> row.get("reservationId").asText())
                .toList();
    }

    private static List<String> ids(JsonNode items) {
        return IntStream.range(0, items.size())
                .mapToObj(i -> items.get(i).get("id").asText())
                .toList();
    }
}
