package io.msgsvc.spi;

import io.msgsvc.api.StatisticsCounters;
import java.time.Instant;
import java.util.UUID;

/** What one event adds to one customer's statistics bucket. */
public record StatisticsIncrement(UUID eventId, String customerId, Instant periodStart, StatisticsCounters delta) {}
