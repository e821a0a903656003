package io.msgsvc.api;

import java.time.Instant;

/** Counters of one customer over one period, which starts at {@code periodStart} (UTC). */
public record StatisticsBucket(String customerId, Instant periodStart, StatisticsCounters counters) {}
