package io.msgsvc.spi;

import io.msgsvc.api.ReservationId;
import java.time.Instant;
import java.util.List;

/**
 * A validated reservation ready to store.
 *
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
        String requestFingerprint) {
    public NewReservation {
        recipients = List.copyOf(recipients);
    }
}
