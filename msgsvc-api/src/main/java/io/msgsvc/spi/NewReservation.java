package io.msgsvc.spi;

import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendingSpeed;
import java.time.Instant;
import java.util.List;

/**
 * A validated reservation ready to store.
 *
 * @param id                 its new id
 * @param customerId         its customer
 * @param subject            its subject, or null
 * @param text               the message
 * @param recipients         in sending order, as the recipient policy left them; unmodifiable
 * @param sendAt             when it is due: the time asked, or now
 * @param createdAt          when it was registered
 * @param idempotencyKey     the customer's key for the request, or null
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
    /**
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     * @param sendingSpeed       its own speed limit, or null
     * @throws NullPointerException if {@code recipients} is null or holds null
     */
    public NewReservation {
        recipients = List.copyOf(recipients);
    }

    /**
     * One with no sending speed of its own.
     *
     * @param id                 its new id
     * @param customerId         its customer
     * @param subject            its subject, or null
     * @param text               the message
     * @param recipients         in sending order, not null; copied
     * @param sendAt             when it is due
     * @param createdAt          when it was registered
     * @param idempotencyKey     the customer's key for the request, or null
     * @param requestFingerprint digest of the request as the customer sent it
     */
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
