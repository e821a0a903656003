package io.msgsvc.memory;

import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.StatisticsStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Statistics in memory, deduplicated by event id. */
final class InMemoryStatisticsStore implements StatisticsStore {
    private record Key(Instant periodStart, String customerId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = periodStart.compareTo(o.periodStart);
            return c != 0 ? c : customerId.compareTo(o.customerId);
        }
    }

    private final Map<Key, StatisticsCounters> buckets = new TreeMap<>();
    private final Set<UUID> counted = new HashSet<>();

    @Override
    public synchronized Set<UUID> add(List<StatisticsIncrement> increments) {
        Set<UUID> added = new java.util.LinkedHashSet<>();
        for (StatisticsIncrement i : increments) {
            if (counted.add(i.eventId())) {
                added.add(i.eventId());
                buckets.merge(new Key(i.periodStart(), i.customerId()), i.delta(), StatisticsCounters::plus);
            }
        }
        return added;
    }

    @Override
    public synchronized List<StatisticsBucket> buckets(String customerId, Instant from, Instant to) {
        List<StatisticsBucket> result = new ArrayList<>();
        buckets.forEach((key, counters) -> {
            if ((customerId == null || customerId.equals(key.customerId()))
                    && !key.periodStart().isBefore(from)
                    && key.periodStart().isBefore(to)) {
                result.add(new StatisticsBucket(key.customerId(), key.periodStart(), counters));
            }
        });
        return result;
    }
}
