package io.msgsvc.api;

import java.math.BigDecimal;

/** What a customer has been billed: number of charges and their sum. */
public record BillingTotals(String customerId, long charges, BigDecimal amount) {}
