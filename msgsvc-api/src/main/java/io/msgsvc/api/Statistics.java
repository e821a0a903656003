package io.msgsvc.api;

import java.util.List;

/**
 * Statistics per customer and period, with their sum.
 *
 * @param buckets the counters per customer and period, ordered by period; unmodifiable
 * @param totals  the sum of every bucket
 */
public record Statistics(List<StatisticsBucket> buckets, StatisticsCounters totals) {
    /**
     * @param buckets the counters per customer and period, not null; copied
     * @param totals  their sum (not checked: {@link #of} computes it)
     * @throws NullPointerException if {@code buckets} is null or holds null
     */
    public Statistics {
        buckets = List.copyOf(buckets);
    }

    /**
     * @param buckets the counters per customer and period, not null
     * @return the buckets with their sum
     */
    public static Statistics of(List<StatisticsBucket> buckets) {
        StatisticsCounters sum = StatisticsCounters.ZERO;
        for (StatisticsBucket b : buckets) {
            sum = sum.plus(b.counters());
        }
        return new Statistics(buckets, sum);
    }
}
