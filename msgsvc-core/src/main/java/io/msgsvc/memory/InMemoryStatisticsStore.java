package io.msgsvc.memory;

import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.StorageTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Statistics in memory; counted event ids are kept for the life of the store. */
final class InMemoryStatisticsStore implements StatisticsStore {
    private record Key(Instant periodStart, String customerId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = periodStart.compareTo(o.periodStart);
            return c != 0 ? c : customerId.compareTo(o.customerId);
        }
    }

    private final InMemoryStorage storage;
    private final Map<Key, StatisticsCounters> buckets = new TreeMap<>();
    private final AppliedEventIds counted = new AppliedEventIds();

    InMemoryStatisticsStore(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public Set<UUID> add(StorageTx tx, List<StatisticsIncrement> increments, Deduplication deduplication) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        Set<UUID> added = new LinkedHashSet<>();
        for (StatisticsIncrement i : increments) {
            if (added.contains(i.eventId()) || !counted.firstTime(memory, i.eventId(), deduplication)) {
                continue;
            }
            added.add(i.eventId());
            Key key = new Key(i.periodStart(), i.customerId());
            StatisticsCounters before = buckets.get(key);
            buckets.put(key, before == null ? i.delta() : before.plus(i.delta()));
            memory.onRollback(() -> {
                if (before == null) {
                    buckets.remove(key);
                } else {
                    buckets.put(key, before);
                }
            });
        }
        return added;
    }

    @Override
    public List<StatisticsBucket> buckets(String customerId, Instant from, Instant to) {
        return storage.read(() -> {
            List<StatisticsBucket> result = new ArrayList<>();
            buckets.forEach((key, counters) -> {
                if ((customerId == null || customerId.equals(key.customerId()))
                        && !key.periodStart().isBefore(from)
                        && key.periodStart().isBefore(to)) {
                    result.add(new StatisticsBucket(key.customerId(), key.periodStart(), counters));
                }
            });
            return result;
        });
    }
}
