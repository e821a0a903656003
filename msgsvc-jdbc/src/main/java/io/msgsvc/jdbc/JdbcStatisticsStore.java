package io.msgsvc.jdbc;

import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.jdbc.Schema.StatisticsTable;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.StorageTx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Counters per customer and period, each event counted once by its applied-event record. */
final class JdbcStatisticsStore implements StatisticsStore {
    private static final String CONSUMER = "statistics";

    private record Bucket(String customerId, Instant periodStart) {}

    /** A counter's column and its value in {@link StatisticsCounters}, in the record's order. */
    private record Counter(Field<Long> column, ToLongFunction<StatisticsCounters> of) {}

    private static final List<Counter> COUNTERS = List.of(
            new Counter(StatisticsTable.RESERVATIONS, StatisticsCounters::reservations),
            new Counter(StatisticsTable.SENT, StatisticsCounters::sent),
            new Counter(StatisticsTable.FAILED, StatisticsCounters::failed),
            new Counter(StatisticsTable.REJECTED, StatisticsCounters::rejected),
            new Counter(StatisticsTable.CANCELLED, StatisticsCounters::cancelled),
            new Counter(StatisticsTable.SUBMITTED, StatisticsCounters::submitted),
            new Counter(StatisticsTable.DELIVERED, StatisticsCounters::delivered),
            new Counter(StatisticsTable.UNDELIVERED, StatisticsCounters::undelivered),
            new Counter(StatisticsTable.EXPIRED, StatisticsCounters::expired),
            new Counter(StatisticsTable.UNREPORTED, StatisticsCounters::unknown),
            new Counter(StatisticsTable.SKIPPED, StatisticsCounters::skipped),
            new Counter(StatisticsTable.EXPIRED_UNSENT, StatisticsCounters::expiredUnsent));

    private static final Comparator<Bucket> BUCKET_ORDER =
            Comparator.comparing(Bucket::customerId).thenComparing(Bucket::periodStart);

    private final Db db;
    private final Stripes stripes = new Stripes();

    JdbcStatisticsStore(Db db) {
        this.db = db;
    }

    @Override
    public Set<UUID> add(StorageTx tx, List<StatisticsIncrement> increments, Deduplication deduplication) {
        if (increments.isEmpty()) {
            return Set.of();
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<UUID, StatisticsIncrement> byEvent = new LinkedHashMap<>();
        increments.forEach(i -> byEvent.putIfAbsent(i.eventId(), i));
        Set<UUID> fresh = AppliedEvents.fresh(db, ctx, CONSUMER, byEvent.keySet(), deduplication);
        // one upsert per bucket, however many events the batch adds to it; buckets in order, so two transactions
        // adding to the same stripes cannot deadlock
        Map<Bucket, StatisticsCounters> sums = new TreeMap<>(BUCKET_ORDER);
        short stripe = stripes.current();
        for (UUID id : fresh) {
            StatisticsIncrement i = byEvent.get(id);
            sums.merge(new Bucket(i.customerId(), i.periodStart()), i.delta(), StatisticsCounters::plus);
        }
        List<Query> upserts = new ArrayList<>();
        sums.forEach((bucket, d) -> {
            List<Field<?>> columns = new ArrayList<>(
                    List.of(StatisticsTable.CUSTOMER_ID, StatisticsTable.PERIOD_START, StatisticsTable.STRIPE));
            List<Object> values = new ArrayList<>(List.of(bucket.customerId(), Db.ts(bucket.periodStart()), stripe));
            Map<Field<Long>, Field<Long>> sumsUp = new LinkedHashMap<>();
            for (Counter counter : COUNTERS) {
                long n = counter.of().applyAsLong(d);
                columns.add(counter.column());
                values.add(n);
                sumsUp.put(counter.column(), counter.column().plus(n));
            }
            upserts.add(ctx.insertInto(StatisticsTable.T, columns)
                    .values(values)
                    .onConflict(StatisticsTable.CUSTOMER_ID, StatisticsTable.PERIOD_START, StatisticsTable.STRIPE)
                    .doUpdate()
                    .set(sumsUp));
        });
        Db.execute(ctx, upserts);
        return fresh;
    }

    @Override
    public List<StatisticsBucket> buckets(String customerId, Instant from, Instant to) {
        Condition inRange = StatisticsTable.PERIOD_START
                .ge(Db.ts(clamp(from)))
                .and(StatisticsTable.PERIOD_START.lt(Db.ts(clamp(to))));
        if (customerId != null) {
            inRange = inRange.and(StatisticsTable.CUSTOMER_ID.eq(customerId));
        }
        Condition where = inRange;
        List<Field<BigDecimal>> sums = COUNTERS.stream()
                .<Field<BigDecimal>>map(counter -> DSL.sum(counter.column()))
                .toList();
        List<Field<?>> selected = new ArrayList<>(List.of(StatisticsTable.CUSTOMER_ID, StatisticsTable.PERIOD_START));
        selected.addAll(sums);
        return db.read(ctx -> ctx.select(selected)
                .from(StatisticsTable.T)
                .where(where)
                .groupBy(StatisticsTable.PERIOD_START, StatisticsTable.CUSTOMER_ID)
                .orderBy(StatisticsTable.PERIOD_START, StatisticsTable.CUSTOMER_ID)
                .fetch(row -> {
                    long[] n = new long[sums.size()];
                    for (int c = 0; c < n.length; c++) {
                        n[c] = row.get(sums.get(c)).longValueExact();
                    }
                    return new StatisticsBucket(
                            row.get(StatisticsTable.CUSTOMER_ID),
                            Db.instant(row.get(StatisticsTable.PERIOD_START)),
                            new StatisticsCounters(
                                    n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11]));
                }));
    }

    /** Databases store years 1 to 9999; Instant.MIN and MAX stand for "no bound". */
    private static Instant clamp(Instant instant) {
        Instant lowest = Instant.parse("0001-01-01T00:00:00Z");
        Instant highest = Instant.parse("9999-12-31T00:00:00Z");
        return instant.isBefore(lowest) ? lowest : instant.isAfter(highest) ? highest : instant;
    }
}
