package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One billing ledger entry: at most one per delivery, by the billing policy (see {@link Refund}).
 *
 * @param deliveryId the delivery charged
 * @param customerId its customer
 * @param amount     the amount, as {@link Pricing} priced it
 * @param chargedAt  when the result that caused it was recorded
 * @param type       the message type it was sent as
 * @param units      the units it was billed as (1, or its SMS segments when split)
 */
public record Charge(
        DeliveryId deliveryId, String customerId, BigDecimal amount, Instant chargedAt, MessageType type, int units) {
    /**
     * @param deliveryId the delivery charged
     * @param customerId its customer
     * @param amount     the amount, as {@link Pricing} priced it
     * @param chargedAt  when the result that caused it was recorded
     * @param type       the message type it was sent as, not null
     * @param units      the units it was billed as, at least 1
     * @throws IllegalArgumentException when units are below 1
     */
    public Charge {
        Objects.requireNonNull(type, "type");
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, was " + units);
        }
    }

    /**
     * A charge for one SMS unit: a message not sized.
     *
     * @param deliveryId the delivery charged
     * @param customerId its customer
     * @param amount     the amount
     * @param chargedAt  when the result that caused it was recorded
     */
    public Charge(DeliveryId deliveryId, String customerId, BigDecimal amount, Instant chargedAt) {
        this(deliveryId, customerId, amount, chargedAt, MessageType.SMS, 1);
    }
}
