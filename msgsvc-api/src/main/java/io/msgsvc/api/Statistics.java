package io.msgsvc.api;

import java.util.List;

/** Statistics per customer and period, with their sum. */
public record Statistics(List<StatisticsBucket> buckets, StatisticsCounters totals) {
    public Statistics {
        buckets = List.copyOf(buckets);
    }

    public static Statistics of(List<StatisticsBucket> buckets) {
        StatisticsCounters sum = StatisticsCounters.ZERO;
        for (StatisticsBucket b : buckets) {
            sum = sum.plus(b.counters());
        }
        return new Statistics(buckets, sum);
    }
}
