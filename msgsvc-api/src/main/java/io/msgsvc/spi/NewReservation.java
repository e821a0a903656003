package io.msgsvc.spi;

import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendingSpeed;
import java.time.Instant;
import java.util.List;

/**
 * A validated reservation ready to store.
 *
 * @param sendingSpeed       its own speed limit, or null
 * @param requestFingerprint digest of the request as the customer sent it, to tell a retry from a key reused for
 *                           something else
 */
public record NewReservation(
        ReservationId id,
        String customerId,
        String subject,
        String text,
        List<String> recipients,
        Instant sendAt,
        Instant createdAt,
        String idempotencyKey,
        String requestFingerprint,
        SendingSpeed sendingSpeed) {
    public NewReservation {
        recipients = List.copyOf(recipients);
    }

    /** One with no sending speed of its own. */
    public NewReservation(
            ReservationId id,
            String customerId,
            String subject,
            String text,
            List<String> recipients,
            Instant sendAt,
            Instant createdAt,
            String idempotencyKey,
            String requestFingerprint) {
        this(id, customerId, subject, text, recipients, sendAt, createdAt, idempotencyKey, requestFingerprint, null);
    }
}
