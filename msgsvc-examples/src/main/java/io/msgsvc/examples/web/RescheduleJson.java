package io.msgsvc.examples.web;

import java.time.Instant;

/**
 * Body of {@code POST /api/reservations/{id}/reschedule}: {@code sendAt} is an ISO-8601 instant in a JSON string,
 * read as {@link NewReservationJson}'s is; it is required.
 */
public record RescheduleJson(String sendAt) {

    /** The new send time; null when absent, which the engine refuses naming {@code sendAt}. */
    Instant sendTime() {
        return NewReservationJson.parseSendAt(sendAt);
    }
}
