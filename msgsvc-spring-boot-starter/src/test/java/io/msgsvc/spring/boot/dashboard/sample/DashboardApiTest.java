package io.msgsvc.spring.boot.dashboard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spring.boot.dashboard.sample.DashboardHttp.Reply;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's API over real HTTP, on a random port, behind the application's Spring Security: who sees what,
 * paging, the drill-down after sends and reports, statistics over a range, strict parameters as problem+json.
 */
@RunningDashboardApp
class DashboardApiTest extends DashboardUsersTestBase {
    static final String API = "/msgsvc/api";
    static final String PROBLEM_JSON = "application/problem+json";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void requestsWithoutAUserAreRefused() {
        DashboardHttp nobody = DashboardHttp.anonymous(port);
        for (String path :
                List.of("/msgsvc/", "/msgsvc/dashboard.js", API + "/me", API + "/reservations", API + "/statistics")) {
            assertThat(nobody.get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(DashboardHttp.as(port, "acme", "wrong")
                        .get(API + "/reservations")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theViewerIsTheSignedInUser() {
        JsonNode me = acme.get(API + "/me").json();
        assertThat(me.get("name").asText()).isEqualTo("acme");
        assertThat(me.get("customerId").asText()).isEqualTo("acme");
        assertThat(me.get("operator").asBoolean()).isFalse();
        assertThat(me.get("currency").asText()).isEqualTo("EUR");

        JsonNode operator = ops.get(API + "/me").json();
        assertThat(operator.get("operator").asBoolean()).isTrue();
        assertThat(operator.get("customerId").isNull()).isTrue();
    }

    @Test
    void aCustomerSeesOnlyItsOwnReservations() {
        Reservation ours = reserveLater("acme", "+100");
        Reservation theirs = reserveLater("globex", "+200");

        assertThat(ids(acme.get(API + "/reservations").json()))
                .contains(ours.id().toString())
                .doesNotContain(theirs.id().toString());
        assertThat(ids(globex.get(API + "/reservations").json()))
                .contains(theirs.id().toString())
                .doesNotContain(ours.id().toString());

        Reply foreign = acme.get(API + "/reservations/" + theirs.id());
        assertProblem(foreign, 404, "id");
        assertProblem(acme.get(API + "/reservations/" + theirs.id() + "/deliveries"), 404, "id");
        assertProblem(acme.get(API + "/reservations?customerId=globex"), 403, "customerId");
        assertProblem(acme.get(API + "/statistics?customerId=globex"), 403, "customerId");
        assertThat(acme.get(API + "/reservations?customerId=acme").status()).isEqualTo(200);
    }

    @Test
    void anOperatorSeesEveryCustomer() {
        Reservation a = reserveLater("acme", "+300");
        Reservation g = reserveLater("globex", "+400");

        assertThat(ids(ops.get(API + "/reservations?customerId=acme").json())).contains(a.id().toString());
        assertThat(ids(ops.get(API + "/reservations?customerId=globex").json())).contains(g.id().toString());
        JsonNode details =
                ops.get(API + "/reservations/" + g.id() + "?customerId=globex").json();
        assertThat(details.get("customerId").asText()).isEqualTo("globex");
        assertProblem(ops.get(API + "/reservations"), 400, "customerId");

        long both = ops.get(API + "/statistics")
                .json()
                .get("totals")
                .get("reservations")
                .asLong();
        long acmeOnly = ops.get(API + "/statistics?customerId=acme")
                .json()
                .get("totals")
                .get("reservations")
                .asLong();
        assertThat(both).isGreaterThan(acmeOnly).isGreaterThanOrEqualTo(2);
    }

    @Test
    void pagesGoPastTheNewest50InOrder() {
        List<String> registered = new ArrayList<>();
        IntStream.range(0, 120)
                .forEach(i -> registered.add(reserveLater("bulk", "+5" + i).id().toString()));

        JsonNode first = ops.get(API + "/reservations?customerId=bulk").json();
        assertThat(first.get("size").asInt()).isEqualTo(50);
        assertThat(first.get("totalItems").asLong()).isEqualTo(120);
        assertThat(first.get("totalPages").asLong()).isEqualTo(3);
        List<String> shown = new ArrayList<>(ids(first));
        shown.addAll(ids(ops.get(API + "/reservations?customerId=bulk&page=1").json()));
        shown.addAll(ids(ops.get(API + "/reservations?customerId=bulk&page=2").json()));

        // the engine's own order, newest first, with no row twice or left out
        List<String> newestFirst = msgsvc.reservations("bulk", PageRequest.of(0, 200)).items().stream()
                .map(r -> r.id().toString())
                .toList();
        assertThat(shown).hasSize(120).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst);
        assertThat(shown).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(shown.get(0)).isEqualTo(registered.get(119));
        assertThat(ids(ops.get(API + "/reservations?customerId=bulk&page=1&size=20")
                        .json()))
                .containsExactlyElementsOf(newestFirst.subList(20, 40));
        assertThat(ids(ops.get(API + "/reservations?customerId=bulk&page=3").json()))
                .isEmpty();
    }

    @Test
    void theDrillDownShowsEveryRecipientsResultReportAndCost() {
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .subject("spring")
                .text("Drill down")
                .recipients("+1001", "+1002", "+0003")
                .build());
        awaitStatus("acme", r, ReservationStatus.AWAITING_RESULTS);
        List<Delivery> sent = msgsvc.reservation("acme", r.id()).deliveries();
        msgsvc.reportDelivery(DeliveryReport.forReference(sent.get(0).providerReference())
                .status(ReportStatus.DELIVERED)
                .build());
        msgsvc.reportDelivery(DeliveryReport.forReference(sent.get(1).providerReference())
                .status(ReportStatus.UNDELIVERED)
                .providerCode("UNDELIV", "handset off")
                .build());
        awaitStatus("acme", r, ReservationStatus.PARTIALLY_FAILED);

        JsonNode row = acme.get(API + "/reservations/" + r.id()).json();
        assertThat(row.get("text").asText()).isEqualTo("Drill down");
        assertThat(row.get("subject").asText()).isEqualTo("spring");
        assertThat(Instant.parse(row.get("createdAt").asText())).isEqualTo(r.createdAt());
        assertThat(row.get("progress").get("status").asText()).isEqualTo("PARTIALLY_FAILED");
        assertThat(row.get("progress").get("progressPercent").asInt()).isEqualTo(100);
        assertThat(row.get("progress").get("dispatchStartedAt").isNull()).isFalse();
        JsonNode cost = row.get("cost");
        assertThat(cost.get("currency").asText()).isEqualTo("EUR");
        // charged when accepted, refunded when reported undelivered (the default billing policy)
        assertThat(cost.get("charges").asLong()).isEqualTo(2);
        assertThat(new BigDecimal(cost.get("charged").asText())).isEqualByComparingTo("0.10");
        assertThat(cost.get("refunds").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(cost.get("net").asText())).isEqualByComparingTo("0.05");

        List<JsonNode> deliveries = list(
                acme.get(API + "/reservations/" + r.id() + "/deliveries").json().get("items"));
        assertThat(deliveries).extracting(d -> d.get("recipient").asText()).containsExactly("+1001", "+1002", "+0003");
        assertThat(deliveries)
                .extracting(d -> d.get("state").asText())
                .containsExactly("DELIVERED", "UNDELIVERED", "FAILED");
        assertThat(deliveries)
                .extracting(d -> d.get("reportStatus").asText(null))
                .containsExactly("DELIVERED", "UNDELIVERED", null);
        assertThat(deliveries.get(0).get("providerReference").asText()).startsWith("ref-");
        assertThat(deliveries.get(0).get("reportedAt").isNull()).isFalse();
        assertThat(deliveries.get(0).get("failureReason").isNull()).isTrue();
        assertThat(deliveries.get(1).get("failureReason").asText()).contains("handset off");
        assertThat(deliveries.get(2).get("failureReason").asText()).contains(ReportingChannel.UNROUTABLE);
        assertThat(deliveries)
                .allSatisfy(d -> assertThat(d.get("completedAt").isNull()).isFalse());

        JsonNode slice = acme.get(API + "/reservations/" + r.id() + "/deliveries?limit=2")
                .json();
        assertThat(list(slice.get("items"))).hasSize(2);
        assertThat(slice.get("nextSequence").asInt()).isEqualTo(2);
        JsonNode rest = acme.get(API + "/reservations/" + r.id() + "/deliveries?fromSequence=2&limit=2")
                .json();
        assertThat(list(rest.get("items")))
                .extracting(d -> d.get("recipient").asText())
                .containsExactly("+0003");
        assertThat(rest.get("nextSequence").isNull()).isTrue();
    }

    @Test
    void aRejectedReservationShowsWhy() {
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("A message far longer than the forty characters the content policy allows")
                .recipients("+1")
                .build());
        awaitStatus("acme", r, ReservationStatus.REJECTED);

        JsonNode row = acme.get(API + "/reservations/" + r.id()).json();
        assertThat(row.get("progress").get("status").asText()).isEqualTo("REJECTED");
        assertThat(row.get("statusReason").asText()).isNotBlank();
        assertThat(new BigDecimal(row.get("cost").get("net").asText())).isZero();
    }

    @Test
    void statisticsBucketsOverARangeSumToTheCounts() {
        Instant from = Instant.now().minus(Duration.ofMinutes(1));
        Reservation three = msgsvc.reserve(request("stats", "+61", "+62", "+63"));
        Reservation two = msgsvc.reserve(request("stats", "+64", "+05"));
        awaitStatus("stats", three, ReservationStatus.AWAITING_RESULTS);
        awaitStatus("stats", two, ReservationStatus.AWAITING_RESULTS);
        for (Reservation r : List.of(three, two)) {
            for (Delivery d : msgsvc.reservation("stats", r.id()).deliveries()) {
                if (d.providerReference() != null) {
                    msgsvc.reportDelivery(DeliveryReport.forReference(d.providerReference())
                            .status(ReportStatus.DELIVERED)
                            .build());
                }
            }
        }
        awaitStatus("stats", three, ReservationStatus.COMPLETED);
        String range = "&from=" + from + "&to=" + Instant.now().plus(Duration.ofMinutes(1));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode statistics =
                    ops.get(API + "/statistics?customerId=stats" + range).json();
            assertThat(statistics.get("period").asText()).isEqualTo("DAYS");
            assertThat(Instant.parse(statistics.get("from").asText())).isEqualTo(from.truncatedTo(ChronoUnit.DAYS));
            JsonNode totals = statistics.get("totals");
            assertThat(totals.get("reservations").asLong()).isEqualTo(2);
            assertThat(totals.get("delivered").asLong()).isEqualTo(4);
            assertThat(totals.get("failed").asLong()).isEqualTo(1);
            List<JsonNode> buckets = list(statistics.get("buckets"));
            assertThat(buckets).isNotEmpty();
            for (String counter : List.of("reservations", "delivered", "failed", "sent", "submitted")) {
                long sum = buckets.stream()
                        .mapToLong(b -> b.get("counters").get(counter).asLong())
                        .sum();
                assertThat(sum).as(counter).isEqualTo(totals.get(counter).asLong());
            }
        });
        // a range that ends before the period they were counted in counts none of them
        Instant periodStart = from.truncatedTo(ChronoUnit.DAYS);
        JsonNode before = ops.get(API + "/statistics?customerId=stats&from=2020-01-01T00:00:00Z&to=" + periodStart)
                .json();
        assertThat(before.get("totals").get("reservations").asLong()).isZero();
        assertThat(list(before.get("buckets"))).isEmpty();
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertProblem(acme.get(API + "/statistics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "from");
        assertProblem(acme.get(API + "/statistics?from=yesterday"), 400, "from");
        assertProblem(acme.get(API + "/statistics?to="), 400, "to");
        // parseable, but no database stores them
        assertProblem(acme.get(API + "/statistics?from=-1000000000-01-01T00:00:00Z"), 400, "from");
        assertProblem(acme.get(API + "/statistics?to=%2B1000000-01-01T00:00:00Z"), 400, "to");
        assertProblem(acme.get(API + "/statistics?from=1969-12-31T23:59:59Z"), 400, "from");
        assertProblem(acme.get(API + "/reservations?size=0"), 400, "size");
        assertProblem(acme.get(API + "/reservations?size=201"), 400, "size");
        assertProblem(acme.get(API + "/reservations?page=-1"), 400, "page");
        assertProblem(acme.get(API + "/reservations?page=x"), 400, "page");
        assertProblem(acme.get(API + "/reservations?page=1&page=2"), 400, "page");
        assertProblem(acme.get(API + "/reservations?sort=text"), 400, "sort");
        assertProblem(acme.get(API + "/reservations/not-an-id"), 400, "id");
        Reservation r = reserveLater("acme", "+700");
        assertProblem(acme.get(API + "/reservations/" + r.id() + "/deliveries?limit=1001"), 400, "limit");
        assertProblem(acme.get(API + "/reservations/" + r.id() + "/deliveries?fromSequence=-1"), 400, "fromSequence");
        assertProblem(ops.get(API + "/reservations?customerId=%20x"), 400, "customerId");
        assertProblem(ops.get(API + "/statistics?customerId=x%20"), 400, "customerId");
        assertProblem(acme.get(API + "/reservations?customerId=%20acme"), 400, "customerId");
        assertProblem(acme.get(API + "/me?verbose=true"), 400, "verbose");
    }

    @Test
    void thePageItsScriptAndStyleAreServed() {
        Reply page = acme.get("/msgsvc/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<script src=\"dashboard.js\"").contains("dashboard.css");
        Reply script = acme.get("/msgsvc/dashboard.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.text()).contains("EventSource");
        for (String part : List.of("dashboard-details.js", "dashboard-statistics.js")) {
            assertThat(page.text()).contains("<script src=\"" + part + "\"");
            Reply served = acme.get("/msgsvc/" + part);
            assertThat(served.status()).as(part).isEqualTo(200);
            assertThat(served.contentType()).as(part).startsWith("text/javascript");
        }
        Reply style = acme.get("/msgsvc/dashboard.css");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.contentType()).startsWith("text/css");
        Reply bare = acme.get("/msgsvc");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).hasValue("/msgsvc/");
    }

    static void assertProblem(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).contains(field);
    }

    private Reservation reserveLater(String customer, String recipient) {
        return msgsvc.reserve(ReservationRequest.builder()
                .customerId(customer)
                .text("Later")
                .recipients(recipient)
                .sendAt(Instant.now().plus(Duration.ofDays(1)))
                .build());
    }

    static ReservationRequest request(String customer, String... recipients) {
        return ReservationRequest.builder()
                .customerId(customer)
                .text("Hello")
                .recipients(recipients)
                .build();
    }

    private void awaitStatus(String customer, Reservation r, ReservationStatus status) {
        await().atMost(PATIENCE)
                .until(() -> msgsvc.reservation(customer, r.id()).reservation().status() == status);
    }

    static List<String> ids(JsonNode page) {
        return list(page.get("items")).stream()
                .map(row -> row.get("reservationId").asText())
                .toList();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
