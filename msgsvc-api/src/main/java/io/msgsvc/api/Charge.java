package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;

/** One billing ledger entry: exactly one per successfully sent delivery. */
public record Charge(DeliveryId deliveryId, String customerId, BigDecimal amount, Instant chargedAt) {}
