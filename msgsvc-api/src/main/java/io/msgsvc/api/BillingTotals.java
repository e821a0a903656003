package io.msgsvc.api;

import java.math.BigDecimal;

/**
 * What a customer has been billed: charges and their sum, refunds and theirs. Each delivery is charged at most once
 * and refunded at most once.
 *
 * @param customerId     the customer
 * @param charges        how many deliveries were charged
 * @param amount         the sum charged, refunded charges included
 * @param refunds        how many charges were refunded
 * @param refundedAmount the sum refunded
 */
public record BillingTotals(
        String customerId, long charges, BigDecimal amount, long refunds, BigDecimal refundedAmount) {

    /**
     * Totals without refunds.
     *
     * @param customerId the customer
     * @param charges    how many deliveries were charged
     * @param amount     the sum charged
     */
    public BillingTotals(String customerId, long charges, BigDecimal amount) {
        this(customerId, charges, amount, 0, BigDecimal.ZERO);
    }

    /**
     * What the customer owes: charged minus refunded.
     *
     * @return {@code amount - refundedAmount}
     */
    public BigDecimal net() {
        return amount.subtract(refundedAmount);
    }
}
