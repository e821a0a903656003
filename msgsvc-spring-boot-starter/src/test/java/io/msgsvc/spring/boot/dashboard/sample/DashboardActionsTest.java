package io.msgsvc.spring.boot.dashboard.sample;

import static io.msgsvc.spring.boot.dashboard.sample.DashboardApiTest.API;
import static io.msgsvc.spring.boot.dashboard.sample.DashboardApiTest.PATIENCE;
import static io.msgsvc.spring.boot.dashboard.sample.DashboardApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spring.boot.dashboard.sample.DashboardHttp.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's actions over real HTTP behind the application's Spring Security (CSRF token from the cookie, as
 * the page sends it): a customer registers and changes its own reservations only, and what is refused changed
 * nothing.
 */
@RunningDashboardApp
class DashboardActionsTest extends DashboardUsersTestBase {
    private static final String RESERVATIONS = API + "/reservations";

    @Test
    void thePageIsToldThatActionsAreOn() {
        assertThat(acme.get(API + "/me").json().get("actions").asBoolean()).isTrue();
    }

    @Test
    void aCustomerRegistersAReservationThatIsSentToEveryRecipient() {
        Reply created = acme.post(RESERVATIONS, form("text", "From the page", "recipients", "+1\n+2, +3\n\n"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode row = created.json();
        assertThat(row.get("customerId").asText()).isEqualTo("acme");
        assertThat(row.get("text").asText()).isEqualTo("From the page");
        assertThat(row.get("progress").get("total").asInt()).isEqualTo(3);
        ReservationId id = ReservationId.parse(row.get("reservationId").asText());
        await().atMost(PATIENCE)
                .until(() -> msgsvc.reservation("acme", id).reservation().sent() == 3);
        assertThat(msgsvc.deliveries("acme", id, 0, 10))
                .extracting(delivery -> delivery.recipient())
                .containsExactly("+1", "+2", "+3");
    }

    @Test
    void aCustomerPausesResumesReschedulesAndCancelsItsOwnReservation() {
        Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Reply created = acme.post(
                RESERVATIONS, form("text", "Later", "recipients", "+1", "sendAt", later.toString(), "subject", "S"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("reservationId").asText();
        assertThat(created.json().get("sendAt").asText()).isEqualTo(later.toString());

        assertOutcome(acme.post(RESERVATIONS + "/" + id + "/pause", ""), id, "PAUSED");
        assertThat(status("acme", id)).isEqualTo(ReservationStatus.PAUSED);
        Instant evenLater = later.plus(Duration.ofHours(1));
        assertOutcome(
                acme.post(RESERVATIONS + "/" + id + "/reschedule", form("sendAt", evenLater.toString())),
                id,
                "RESCHEDULED");
        assertOutcome(acme.post(RESERVATIONS + "/" + id + "/resume", ""), id, "RESUMED");
        Reservation resumed =
                msgsvc.reservation("acme", ReservationId.parse(id)).reservation();
        assertThat(resumed.status()).isEqualTo(ReservationStatus.SCHEDULED);
        assertThat(resumed.sendAt()).isEqualTo(evenLater);

        assertOutcome(acme.post(RESERVATIONS + "/" + id + "/cancel", ""), id, "CANCELLED");
        assertThat(status("acme", id)).isEqualTo(ReservationStatus.CANCELLED);
        Reply again = acme.post(RESERVATIONS + "/" + id + "/pause", "");
        assertProblem(again, 409, "id");
        assertThat(status("acme", id)).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void aReschedulePastTheReservationsExpiryIsRefusedNamingSendAtAndChangesNothing() {
        Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Flash sale")
                .recipients("+1")
                .sendAt(later)
                .maxLateness(Duration.ofHours(1))
                .build());

        Instant pastTheExpiry = later.plus(Duration.ofHours(2));
        assertProblem(
                acme.post(RESERVATIONS + "/" + r.id() + "/reschedule", form("sendAt", pastTheExpiry.toString())),
                400,
                "sendAt");
        Reservation after = msgsvc.reservation("acme", r.id()).reservation();
        assertThat(after.sendAt()).isEqualTo(later);
        assertThat(after.status()).isEqualTo(ReservationStatus.SCHEDULED);
    }

    @Test
    void anotherCustomersReservationIsNotFoundAndStaysAsItWas() {
        String theirs = reserveLater("globex").id().toString();

        for (String action : List.of("pause", "resume", "cancel")) {
            assertProblem(acme.post(RESERVATIONS + "/" + theirs + "/" + action, ""), 404, "id");
        }
        assertProblem(
                acme.post(
                        RESERVATIONS + "/" + theirs + "/reschedule",
                        form("sendAt", Instant.now().plus(Duration.ofDays(2)).toString())),
                404,
                "id");
        assertProblem(
                acme.post(RESERVATIONS + "?customerId=globex", form("text", "x", "recipients", "+1")),
                403,
                "customerId");
        assertThat(status("globex", theirs)).isEqualTo(ReservationStatus.SCHEDULED);
        assertThat(globex.post(RESERVATIONS + "/" + theirs + "/pause", "").status())
                .isEqualTo(200);
    }

    @Test
    void withoutAUserOrACsrfTokenNothingIsRegistered() {
        long before = count("acme");

        Reply anonymous = DashboardHttp.anonymous(port).post(RESERVATIONS, form("text", "x", "recipients", "+1"));
        assertThat(anonymous.status()).isEqualTo(401);
        Reply wrongPassword =
                DashboardHttp.as(port, "acme", "wrong").post(RESERVATIONS, form("text", "x", "recipients", "+1"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        Reply crossSite = acme.postWithoutCsrfToken(RESERVATIONS, form("text", "x", "recipients", "+1"));
        assertThat(crossSite.status()).as("refused by the host's CSRF filter").isEqualTo(403);

        assertThat(count("acme")).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndRegistersNothing() {
        long before = count("acme");
        String later = Instant.now().plus(Duration.ofDays(1)).toString();

        assertProblem(acme.post(RESERVATIONS, form("recipients", "+1")), 400, "text");
        assertProblem(acme.post(RESERVATIONS, form("text", "", "recipients", "+1")), 400, "text");
        assertProblem(acme.post(RESERVATIONS, form("text", "Hi")), 400, "recipients");
        assertProblem(
                acme.post(RESERVATIONS, form("text", "Hi", "recipients", "+1", "sendAt", "tomorrow")), 400, "sendAt");
        assertProblem(
                acme.post(RESERVATIONS, form("text", "Hi", "recipients", "+1", "priority", "high")), 400, "priority");
        assertProblem(acme.post(RESERVATIONS + "?text=a", form("text", "b", "recipients", "+1")), 400, "text");
        assertThat(count("acme")).isEqualTo(before);

        String id = acme.post(RESERVATIONS, form("text", "Later", "recipients", "+1", "sendAt", later))
                .json()
                .get("reservationId")
                .asText();
        assertProblem(acme.post(RESERVATIONS + "/" + id + "/reschedule", ""), 400, "sendAt");
        assertProblem(acme.post(RESERVATIONS + "/" + id + "/reschedule", form("sendAt", "soon")), 400, "sendAt");
        assertProblem(acme.post(RESERVATIONS + "/" + id + "/pause", form("force", "true")), 400, "force");
        assertProblem(acme.post(RESERVATIONS + "/not-an-id/pause", ""), 400, "id");
        assertThat(status("acme", id)).isEqualTo(ReservationStatus.SCHEDULED);
    }

    @Test
    void anOperatorActsForTheCustomerItNames() {
        Reply created = ops.post(RESERVATIONS + "?customerId=globex", form("text", "Ops", "recipients", "+1"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("customerId").asText()).isEqualTo("globex");

        String theirs = reserveLater("acme").id().toString();
        assertOutcome(ops.post(RESERVATIONS + "/" + theirs + "/pause?customerId=acme", ""), theirs, "PAUSED");
        assertProblem(ops.post(RESERVATIONS + "/" + theirs + "/resume", ""), 400, "customerId");
        assertThat(status("acme", theirs)).isEqualTo(ReservationStatus.PAUSED);
    }

    private static void assertOutcome(Reply reply, String id, String outcome) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("reservationId").asText()).isEqualTo(id);
        assertThat(reply.json().get("outcome").asText()).isEqualTo(outcome);
    }

    private ReservationStatus status(String customer, String id) {
        return msgsvc.reservation(customer, ReservationId.parse(id))
                .reservation()
                .status();
    }

    private long count(String customer) {
        return msgsvc.reservations(customer, PageRequest.of(0, 1)).totalItems();
    }

    private Reservation reserveLater(String customer) {
        return msgsvc.reserve(ReservationRequest.builder()
                .customerId(customer)
                .text("Later")
                .recipients("+1")
                .sendAt(Instant.now().plus(Duration.ofDays(1)))
                .build());
    }

    private static String form(String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }
}
