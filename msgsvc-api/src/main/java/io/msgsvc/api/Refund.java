package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One refund entry in the billing ledger: a charged delivery whose report said it was not delivered (by the
 * billing policy). At most one per delivery, of the amount it was charged.
 *
 * @param deliveryId the delivery refunded
 * @param customerId its customer
 * @param amount     the amount refunded; null in a request to refund, where the ledger takes the charge's amount
 * @param refundedAt when the report (or the timeout) that caused it was recorded
 * @param state      the delivery's state that caused it (undelivered, expired, unknown)
 */
public record Refund(
        DeliveryId deliveryId, String customerId, BigDecimal amount, Instant refundedAt, DeliveryState state) {

    /**
     * A request to refund the delivery's charge, whatever it was.
     *
     * @param deliveryId the delivery to refund
     * @param customerId its customer
     * @param refundedAt when the report (or the timeout) causing it was recorded
     * @param state      the delivery's state that causes it
     * @return a refund without an amount, for {@code BillingLedger.refund}
     */
    public static Refund of(DeliveryId deliveryId, String customerId, Instant refundedAt, DeliveryState state) {
        return new Refund(deliveryId, customerId, null, refundedAt, state);
    }

    /**
     * @param charged what the delivery was charged
     * @return this refund, of that amount
     */
    public Refund withAmount(BigDecimal charged) {
        return new Refund(deliveryId, customerId, charged, refundedAt, state);
    }
}
