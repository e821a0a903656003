package io.msgsvc.examples.web;

import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * A reservation as the API shows it; {@code reserveTime} and {@code reserveTimeZone} when its send time was given
 * locally.
 */
public record ReservationJson(
        String id,
        String subject,
        String text,
        int recipients,
        Instant sendAt,
        Instant createdAt,
        String idempotencyKey,
        ReservationStatus status,
        String statusReason,
        int sent,
        int failed,
        int cancelled,
        int pending,
        int awaiting,
        int delivered,
        int undelivered,
        Instant updatedAt,
        NewReservationJson.SendingSpeedJson sendingSpeed,
        String kind,
        boolean nightConsent,
        String reserveTime,
        String reserveTimeZone,
        DeliveryWindowJson deliveryWindow,
        Instant expireAt) {

    static ReservationJson of(Reservation r) {
        return new ReservationJson(
                r.id().toString(),
                r.subject(),
                r.text(),
                r.recipientCount(),
                r.sendAt(),
                r.createdAt(),
                r.idempotencyKey(),
                r.status(),
                r.statusReason(),
                r.sent(),
                r.failed(),
                r.cancelled(),
                r.pending(),
                r.awaiting(),
                r.delivered(),
                r.undelivered(),
                r.updatedAt(),
                NewReservationJson.SendingSpeedJson.of(r.sendingSpeed()),
                r.rules().kind().name().toLowerCase(Locale.ROOT),
                r.rules().nightConsent(),
                CampaignScheduleJson.shownReserveTime(r.sendAt(), r.rules()),
                r.rules().zone() == null ? null : r.rules().zone().getId(),
                DeliveryWindowJson.of(r.rules().window()),
                r.rules().expireAt());
    }
}
