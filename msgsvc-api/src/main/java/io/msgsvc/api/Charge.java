package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;

/** One billing ledger entry: at most one per delivery, by the billing policy (see {@link Refund}). */
public record Charge(DeliveryId deliveryId, String customerId, BigDecimal amount, Instant chargedAt) {}
