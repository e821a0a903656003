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
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/** Counters per customer and period, each event counted once by its applied-event record. */
final class JdbcStatisticsStore implements StatisticsStore {
    private static final String CONSUMER = "statistics";

    private record Bucket(String customerId, Instant periodStart) {}

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
        sums.forEach((bucket, d) -> upserts.add(ctx.insertInto(
                        StatisticsTable.T,
                        StatisticsTable.CUSTOMER_ID,
                        StatisticsTable.PERIOD_START,
                        StatisticsTable.STRIPE,
                        StatisticsTable.RESERVATIONS,
                        StatisticsTable.SENT,
                        StatisticsTable.FAILED,
                        StatisticsTable.REJECTED,
                        StatisticsTable.CANCELLED)
                .values(
                        bucket.customerId(),
                        Db.ts(bucket.periodStart()),
                        stripe,
                        d.reservations(),
                        d.sent(),
                        d.failed(),
                        d.rejected(),
                        d.cancelled())
                .onConflict(StatisticsTable.CUSTOMER_ID, StatisticsTable.PERIOD_START, StatisticsTable.STRIPE)
                .doUpdate()
                .set(StatisticsTable.RESERVATIONS, StatisticsTable.RESERVATIONS.plus(d.reservations()))
                .set(StatisticsTable.SENT, StatisticsTable.SENT.plus(d.sent()))
                .set(StatisticsTable.FAILED, StatisticsTable.FAILED.plus(d.failed()))
                .set(StatisticsTable.REJECTED, StatisticsTable.REJECTED.plus(d.rejected()))
                .set(StatisticsTable.CANCELLED, StatisticsTable.CANCELLED.plus(d.cancelled()))));
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
        Field<BigDecimal> reservations = DSL.sum(StatisticsTable.RESERVATIONS);
        Field<BigDecimal> sent = DSL.sum(StatisticsTable.SENT);
        Field<BigDecimal> failed = DSL.sum(StatisticsTable.FAILED);
        Field<BigDecimal> rejected = DSL.sum(StatisticsTable.REJECTED);
        Field<BigDecimal> cancelled = DSL.sum(StatisticsTable.CANCELLED);
        return db.read(ctx -> ctx.select(
                        StatisticsTable.CUSTOMER_ID,
                        StatisticsTable.PERIOD_START,
                        reservations,
                        sent,
                        failed,
                        rejected,
                        cancelled)
                .from(StatisticsTable.T)
                .where(where)
                .groupBy(StatisticsTable.PERIOD_START, StatisticsTable.CUSTOMER_ID)
                .orderBy(StatisticsTable.PERIOD_START, StatisticsTable.CUSTOMER_ID)
                .fetch(row -> new StatisticsBucket(
                        row.get(StatisticsTable.CUSTOMER_ID),
                        Db.instant(row.get(StatisticsTable.PERIOD_START)),
                        new StatisticsCounters(
                                row.get(reservations).longValueExact(),
                                row.get(sent).longValueExact(),
                                row.get(failed).longValueExact(),
                                row.get(rejected).longValueExact(),
                                row.get(cancelled).longValueExact()))));
    }

    /** Databases store years 1 to 9999; Instant.MIN and MAX stand for "no bound". */
    private static Instant clamp(Instant instant) {
        Instant lowest = Instant.parse("0001-01-01T00:00:00Z");
        Instant highest = Instant.parse("9999-12-31T00:00:00Z");
        return instant.isBefore(lowest) ? lowest : instant.isAfter(highest) ? highest : instant;
    }
}
