package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spring.boot.dashboard.DashboardJson.ActionOutcome;
import io.msgsvc.spring.boot.dashboard.DashboardJson.ReservationRow;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's changes, when {@code msgsvc.dashboard.actions-enabled=true}: register a reservation, and pause,
 * resume, cancel or reschedule one. Each acts for the viewer's own customer (an operator names it with
 * {@code customerId}), and takes its input as form fields, read as strictly as the reading endpoints' queries. The
 * engine checks ownership and state: another customer's reservation is answered as one that does not exist, and a
 * refused change has changed nothing. Cross-site request protection is the host's security (its CSRF filter).
 */
@RestController
@RequestMapping(
        path = "${msgsvc.dashboard.base-path:/msgsvc}/api/reservations",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
final class DashboardActionController {
    /** Spring Security's CSRF form field, which a plain HTML form would send beside the fields. */
    private static final String CSRF_FIELD = "_csrf";
    /** One recipient a line, or several separated by commas, as people paste them. */
    private static final Pattern RECIPIENT_SEPARATOR = Pattern.compile("[\\r\\n,]+");

    private final Msgsvc msgsvc;
    private final DashboardAccess access;
    private final DashboardQueries queries;

    DashboardActionController(Msgsvc msgsvc, DashboardAccess access, DashboardQueries queries) {
        this.msgsvc = msgsvc;
        this.access = access;
        this.queries = queries;
    }

    /**
     * Registers a reservation from the fields {@code text}, {@code recipients} (one a line, or comma-separated),
     * optional {@code subject} and {@code sendAt} (an ISO-8601 instant; absent for at once).
     */
    @PostMapping
    ResponseEntity<ReservationRow> register(HttpServletRequest request) {
        DashboardViewer viewer = DashboardRequests.viewer(access, request);
        QueryParameters fields = QueryParameters.of(
                request, DashboardRequests.CUSTOMER, CSRF_FIELD, "text", "subject", "recipients", "sendAt");
        String customerId = DashboardRequests.customer(viewer, fields, true);
        String recipients = fields.text("recipients");
        Reservation reservation = msgsvc.reserve(ReservationRequest.builder()
                .customerId(customerId)
                .subject(fields.text("subject"))
                .text(fields.text("text"))
                .recipients(recipients == null ? List.of() : split(recipients))
                .sendAt(fields.instant("sendAt", null))
                .build());
        return ResponseEntity.status(HttpStatus.CREATED).body(queries.reservation(customerId, reservation.id()));
    }

    @PostMapping("/{id}/pause")
    ActionOutcome pause(HttpServletRequest request, @PathVariable("id") String id) {
        return act(request, id, msgsvc::pause);
    }

    @PostMapping("/{id}/resume")
    ActionOutcome resume(HttpServletRequest request, @PathVariable("id") String id) {
        return act(request, id, msgsvc::resume);
    }

    @PostMapping("/{id}/cancel")
    ActionOutcome cancel(HttpServletRequest request, @PathVariable("id") String id) {
        return act(request, id, msgsvc::cancel);
    }

    /** Moves the send time to the field {@code sendAt}: before sending begins, or while paused. */
    @PostMapping("/{id}/reschedule")
    ActionOutcome reschedule(HttpServletRequest request, @PathVariable("id") String id) {
        DashboardViewer viewer = DashboardRequests.viewer(access, request);
        QueryParameters fields = QueryParameters.of(request, DashboardRequests.CUSTOMER, CSRF_FIELD, "sendAt");
        String customerId = DashboardRequests.customer(viewer, fields, true);
        ReservationId reservationId = DashboardRequests.reservationId(id);
        Instant sendAt = fields.instant("sendAt", null);
        if (sendAt == null) {
            throw DashboardRequestException.badParameter("sendAt", "the new send time is required");
        }
        return new ActionOutcome(
                reservationId.toString(),
                msgsvc.reschedule(customerId, reservationId, sendAt).name());
    }

    private ActionOutcome act(
            HttpServletRequest request, String id, BiFunction<String, ReservationId, ? extends Enum<?>> action) {
        DashboardViewer viewer = DashboardRequests.viewer(access, request);
        QueryParameters fields = QueryParameters.of(request, DashboardRequests.CUSTOMER, CSRF_FIELD);
        String customerId = DashboardRequests.customer(viewer, fields, true);
        ReservationId reservationId = DashboardRequests.reservationId(id);
        return new ActionOutcome(
                reservationId.toString(),
                action.apply(customerId, reservationId).name());
    }

    private static List<String> split(String recipients) {
        return Arrays.stream(RECIPIENT_SEPARATOR.split(recipients))
                .map(String::strip)
                .filter(recipient -> !recipient.isEmpty())
                .toList();
    }
}
