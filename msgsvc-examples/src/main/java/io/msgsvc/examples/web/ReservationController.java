package io.msgsvc.examples.web;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.Statistics;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The REST API. Every call acts for the customer the API key names ({@link ApiKeyAuthenticationFilter}); validation and
 * ownership checks are the engine's, and {@link ApiExceptionHandler} turns its refusals into problem responses.
 */
@RestController
@RequestMapping(path = WebConfiguration.API, produces = MediaType.APPLICATION_JSON_VALUE)
class ReservationController {
    private final Msgsvc msgsvc;

    ReservationController(Msgsvc msgsvc) {
        this.msgsvc = msgsvc;
    }

    /**
     * Media types are agreed before this runs ({@code produces}, {@code consumes}): a request answered 406 or 415
     * has stored nothing.
     */
    @PostMapping(path = "/reservations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReservationJson> reserve(
            @AuthenticationPrincipal String customerId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody NewReservationJson body) {
        Reservation reservation = msgsvc.reserve(ReservationRequest.builder()
                .customerId(customerId)
                .subject(body.subject())
                .text(body.text())
                .recipientList(body.recipientList())
                .sendAt(body.sendTime())
                .sendingSpeed(body.speed())
                .kind(body.messageKind())
                .nightConsent(Boolean.TRUE.equals(body.nightConsent()))
                .sendAt(body.localSendTime(), body.localSendZone())
                .deliveryWindow(
                        body.deliveryWindow() == null
                                ? null
                                : body.deliveryWindow().toWindow())
                .expireAt(CampaignScheduleJson.expireAt(body.expireAt()))
                .maxLateness(CampaignScheduleJson.maxLateness(body.maxLateness()))
                .idempotencyKey(idempotencyKey)
                .build());
        // relative: a URI built from the request's Host header would point wherever the caller says
        URI location = UriComponentsBuilder.fromPath(WebConfiguration.API + "/reservations/{id}")
                .buildAndExpand(reservation.id())
                .toUri();
        return ResponseEntity.created(location).body(ReservationJson.of(reservation));
    }

    @GetMapping("/reservations/{id}")
    ReservationDetailsJson reservation(@AuthenticationPrincipal String customerId, @PathVariable String id) {
        return ReservationDetailsJson.of(msgsvc.reservation(customerId, ReservationId.parse(id)));
    }

    /** Newest first. */
    @GetMapping("/reservations")
    PageJson<ReservationJson> reservations(
            @AuthenticationPrincipal String customerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return PageJson.of(msgsvc.reservations(customerId, PageRequest.of(page, size)), ReservationJson::of);
    }

    @PostMapping("/reservations/{id}/cancel")
    CancelJson cancel(@AuthenticationPrincipal String customerId, @PathVariable String id) {
        ReservationId reservationId = ReservationId.parse(id);
        CancelOutcome outcome = msgsvc.cancel(customerId, reservationId);
        return new CancelJson(reservationId.toString(), outcome);
    }

    @PostMapping("/reservations/{id}/pause")
    OutcomeJson pause(@AuthenticationPrincipal String customerId, @PathVariable String id) {
        ReservationId reservationId = ReservationId.parse(id);
        return new OutcomeJson(reservationId.toString(), msgsvc.pause(customerId, reservationId));
    }

    @PostMapping("/reservations/{id}/resume")
    OutcomeJson resume(@AuthenticationPrincipal String customerId, @PathVariable String id) {
        ReservationId reservationId = ReservationId.parse(id);
        return new OutcomeJson(reservationId.toString(), msgsvc.resume(customerId, reservationId));
    }

    /** Body {@code {"sendAt": "2026-05-01T09:00:00Z"}}: before sending begins, or while paused. */
    @PostMapping(path = "/reservations/{id}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    OutcomeJson reschedule(
            @AuthenticationPrincipal String customerId, @PathVariable String id, @RequestBody RescheduleJson body) {
        ReservationId reservationId = ReservationId.parse(id);
        return new OutcomeJson(reservationId.toString(), msgsvc.reschedule(customerId, reservationId, body.sendTime()));
    }

    @DeleteMapping("/reservations/{id}")
    CancelJson delete(@AuthenticationPrincipal String customerId, @PathVariable String id) {
        return cancel(customerId, id);
    }

    /** Counters per period within {@code [from, to)}; by default everything up to now. */
    @GetMapping("/statistics")
    Statistics statistics(
            @AuthenticationPrincipal String customerId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant start = from != null ? from : Instant.EPOCH;
        Instant end = to != null ? to : Instant.now();
        if (start.isAfter(end)) {
            throw new InvalidRequestException("from", "must not be after to (" + end + "), was " + start);
        }
        return msgsvc.statistics(customerId, start, end);
    }

    @GetMapping("/billing")
    BillingTotals billing(@AuthenticationPrincipal String customerId) {
        return msgsvc.billing(customerId);
    }
}
