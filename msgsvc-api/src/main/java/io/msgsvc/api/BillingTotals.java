package io.msgsvc.api;

import java.math.BigDecimal;

/**
 * What a customer has been billed: charges and their sum, refunds and theirs. Each delivery is charged at most once
 * and refunded at most once.
 */
public record BillingTotals(
        String customerId, long charges, BigDecimal amount, long refunds, BigDecimal refundedAmount) {

    /** Totals without refunds. */
    public BillingTotals(String customerId, long charges, BigDecimal amount) {
        this(customerId, charges, amount, 0, BigDecimal.ZERO);
    }

    /** What the customer owes: charged minus refunded. */
    public BigDecimal net() {
        return amount.subtract(refundedAmount);
    }
}
