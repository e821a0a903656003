package io.msgsvc.spi;

import io.msgsvc.api.StatisticsCounters;
import java.time.Instant;
import java.util.UUID;

/**
 * What one event adds to one customer's statistics bucket.
 *
 * @param eventId     the event's id, counted once
 * @param customerId  the customer
 * @param periodStart the start of the period the event falls in (UTC)
 * @param delta       what to add to the bucket's counters
 */
public record StatisticsIncrement(UUID eventId, String customerId, Instant periodStart, StatisticsCounters delta) {}
