package io.msgsvc.spi;

import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Counters per customer and period, each event counted once. */
public interface StatisticsStore {

    /**
     * Adds the increments of events not counted before, in one transaction.
     *
     * @return the ids of the events counted now
     */
    Set<UUID> add(List<StatisticsIncrement> increments);

    /** Adds one event's increment unless it was counted before; true if added. */
    default boolean add(UUID eventId, String customerId, Instant periodStart, StatisticsCounters delta) {
        return !add(List.of(new StatisticsIncrement(eventId, customerId, periodStart, delta)))
                .isEmpty();
    }

    /**
     * Buckets with {@code from <= periodStart < to}; {@code customerId} null means every customer. Ordered by
     * period.
     */
    List<StatisticsBucket> buckets(String customerId, Instant from, Instant to);
}
