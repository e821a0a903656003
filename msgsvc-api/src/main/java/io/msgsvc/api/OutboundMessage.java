package io.msgsvc.api;

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
 */
public record OutboundMessage(
        DeliveryId deliveryId,
        String idempotencyKey,
        String customerId,
        String recipient,
        String subject,
        String text,
        int attempt) {}
