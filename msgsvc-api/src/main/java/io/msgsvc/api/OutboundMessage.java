package io.msgsvc.api;

import java.util.Objects;

/**
 * One send handed to a {@link MessageChannel}.
 *
 * @param deliveryId     the delivery this send is for
 * @param idempotencyKey stable across retries and redeliveries of the same delivery: pass it to the provider
 *                       so a send repeated after a crash is not delivered twice
 * @param customerId     the reservation's customer
 * @param recipient      whom to send to
 * @param subject        the reservation's subject, or null
 * @param text           the message
 * @param attempt        1 for the first call, 2 for the first retry, ...
 * @param size           the text's message type and billed units, as the content policy's {@link MessageSizer}
 *                       measured it for this send (one SMS when the policy has no sizer)
 */
public record OutboundMessage(
        DeliveryId deliveryId,
        String idempotencyKey,
        String customerId,
        String recipient,
        String subject,
        String text,
        int attempt,
        MessageSize size) {
    /**
     * @param deliveryId     the delivery this send is for
     * @param idempotencyKey the key to pass to the provider
     * @param customerId     the reservation's customer
     * @param recipient      whom to send to
     * @param subject        the subject, or null
     * @param text           the message
     * @param attempt        1 for the first call, 2 for the first retry, ...
     * @param size           its message type and billed units, not null
     */
    public OutboundMessage {
        Objects.requireNonNull(size, "size");
    }

    /**
     * A send not sized yet: one SMS.
     *
     * @param deliveryId     the delivery this send is for
     * @param idempotencyKey the key to pass to the provider
     * @param customerId     the reservation's customer
     * @param recipient      whom to send to
     * @param subject        the subject, or null
     * @param text           the message
     * @param attempt        1 for the first call, 2 for the first retry, ...
     */
    public OutboundMessage(
            DeliveryId deliveryId,
            String idempotencyKey,
            String customerId,
            String recipient,
            String subject,
            String text,
            int attempt) {
        this(deliveryId, idempotencyKey, customerId, recipient, subject, text, attempt, MessageSize.oneSms());
    }

    /**
     * The same send with another size.
     *
     * @param size its size, not null
     * @return a copy with {@code size}
     */
    public OutboundMessage withSize(MessageSize size) {
        return new OutboundMessage(deliveryId, idempotencyKey, customerId, recipient, subject, text, attempt, size);
    }
}
