package io.msgsvc.examples.web;

import io.msgsvc.api.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Body of {@code POST /api/reservations}. {@code sendAt} is an ISO-8601 instant in a JSON string (e.g.
 * {@code "2026-05-01T09:00:00Z"} or with an offset, {@code "2026-05-01T18:00:00+09:00"}); absent or null means now.
 * It is read as text and parsed here, because Jackson would also take a number (epoch seconds) or {@code ""}.
 */
public record NewReservationJson(String subject, String text, List<String> recipients, String sendAt) {

    /** The send time asked for, null for now. */
    Instant sendTime() {
        return parseSendAt(sendAt);
    }

    /** An ISO-8601 instant as the API takes it for {@code sendAt}, null for null. */
    static Instant parseSendAt(String sendAt) {
        if (sendAt == null) {
            return null;
        }
        try {
            return Instant.parse(sendAt);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "sendAt", "must be an ISO-8601 instant such as 2026-05-01T09:00:00Z, was " + quoted(sendAt));
        }
    }

    private static String quoted(String value) {
        return '"' + (value.length() <= 40 ? value : value.substring(0, 37) + "...") + '"';
    }
}
