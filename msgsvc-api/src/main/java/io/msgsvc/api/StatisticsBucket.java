package io.msgsvc.api;

import java.time.Instant;

/**
 * Counters of one customer over one period, which starts at {@code periodStart} (UTC).
 *
 * @param customerId  the customer
 * @param periodStart the period's start; the engine's statistics period says how long it is
 * @param counters    what was counted in it
 */
public record StatisticsBucket(String customerId, Instant periodStart, StatisticsCounters counters) {}
