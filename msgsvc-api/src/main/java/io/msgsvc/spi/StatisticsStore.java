package io.msgsvc.spi;

import io.msgsvc.api.StatisticsBucket;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Counters per customer and period, each event counted once. */
public interface StatisticsStore {

    /**
     * Adds the increments of events not counted before.
     *
     * @return the ids of the events counted now
     */
    Set<UUID> add(StorageTx tx, List<StatisticsIncrement> increments, Deduplication deduplication);

    /**
     * Buckets with {@code from <= periodStart < to}; {@code customerId} null means every customer. Ordered by
     * period.
     */
    List<StatisticsBucket> buckets(String customerId, Instant from, Instant to);
}
