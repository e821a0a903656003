package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One billing ledger entry: at most one per delivery, by the billing policy (see {@link Refund}).
 *
 * @param deliveryId the delivery charged
 * @param customerId its customer
 * @param amount     the amount, as {@link Pricing} priced it
 * @param chargedAt  when the result that caused it was recorded
 */
public record Charge(DeliveryId deliveryId, String customerId, BigDecimal amount, Instant chargedAt) {}
