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
     * @param tx            the open transaction
     * @param increments    one per event
     * @param deduplication whether an event may have been counted before
     * @return the ids of the events counted now
     */
    Set<UUID> add(StorageTx tx, List<StatisticsIncrement> increments, Deduplication deduplication);

    /**
     * Buckets with {@code from <= periodStart < to}; {@code customerId} null means every customer. Ordered by
     * period.
     *
     * @param customerId the customer, or null
     * @param from       inclusive lower bound of {@code periodStart}
     * @param to         exclusive upper bound of {@code periodStart}
     * @return the buckets; empty when nothing was counted
     */
    List<StatisticsBucket> buckets(String customerId, Instant from, Instant to);
}
