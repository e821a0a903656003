package io.msgsvc.spi;

import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Counters per customer and period, each event counted once. */
public interface StatisticsStore {

    /** Adds {@code delta} to the bucket unless {@code eventId} was counted before; true if added. */
    boolean add(UUID eventId, String customerId, Instant periodStart, StatisticsCounters delta);

    /** Buckets with {@code from <= periodStart < to}; {@code customerId} null means every customer. Ordered by period. */
    List<StatisticsBucket> buckets(String customerId, Instant from, Instant to);
}
