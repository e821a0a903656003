package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The floor: the least a durable sender must write per delivery. Each worker, in one transaction, claims a batch
 * of due rows ({@code FOR UPDATE SKIP LOCKED}), calls the no-op channel for each, marks them sent in one
 * statement, and commits. No events, billing, statistics or dashboard.
 */
final class RawJdbcDrain {
    record Result(int deliveries, double seconds, long calls, long duplicates) {
        double rate() {
            return deliveries / seconds;
        }
    }

    private RawJdbcDrain() {}

    static Result run(String url, int n, Options o) throws Exception {
        try (HikariDataSource pool = PostgresServers.pool(url, o.rawThreads + 2, "raw")) {
            PostgresServers.execute(
                    pool,
                    "create table raw_delivery (id bigint primary key, recipient varchar(320) not null, "
                            + "state smallint not null default 0, due_at timestamp not null, completed_at timestamp)",
                    "create index raw_delivery_due on raw_delivery (due_at, id) where state = 0",
                    "insert into raw_delivery (id, recipient, due_at) select g, '+82-' || g, "
                            + "localtimestamp - interval '1 second' from generate_series(0, " + (n - 1) + ") g",
                    "VACUUM ANALYZE raw_delivery");
            if (!o.cold && o.drainWarmupDeliveries > 0) {
                // the same untimed warm-up as the others: rows with ids above the backlog's, drained first
                PostgresServers.execute(
                        pool,
                        "insert into raw_delivery (id, recipient, due_at) select g, '+82-' || g, "
                                + "localtimestamp - interval '1 day' from generate_series(" + n + ", "
                                + (n + o.drainWarmupDeliveries - 1) + ") g");
                work(
                        pool,
                        o.rawBatch,
                        new AtomicIntegerArray(n + o.drainWarmupDeliveries),
                        new LongAdder(),
                        o.drainWarmupDeliveries);
                PostgresServers.execute(pool, "VACUUM ANALYZE raw_delivery");
            }
            AtomicIntegerArray calls = new AtomicIntegerArray(n);
            LongAdder total = new LongAdder();
            ExecutorService workers = Executors.newFixedThreadPool(o.rawThreads);
            PostgresServers.settle(pool);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < o.rawThreads; t++) {
                futures.add(workers.submit(() -> {
                    work(pool, o.rawBatch, calls, total, Integer.MAX_VALUE);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            workers.shutdown();
            long duplicates = 0;
            for (int i = 0; i < n; i++) {
                duplicates += Math.max(0, calls.get(i) - 1);
            }
            long left = PostgresServers.count(pool, "select count(*) from raw_delivery where state = 0");
            if (left != 0 || total.sum() < n) {
                throw new IllegalStateException("raw drain left " + left + " rows, " + total.sum() + " calls");
            }
            return new Result(n, seconds, total.sum(), duplicates);
        }
    }

    /** Drains due rows until none is left; stops early once it has seen {@code limit} rows (warm-up). */
    private static void work(HikariDataSource pool, int batch, AtomicIntegerArray calls, LongAdder total, int limit)
            throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement claim = c.prepareStatement("select id, recipient from raw_delivery "
                            + "where state = 0 and due_at <= localtimestamp order by due_at, id limit ? "
                            + "for update skip locked");
                    PreparedStatement mark = c.prepareStatement("update raw_delivery set state = 1, "
                            + "completed_at = localtimestamp where id = any(?)")) {
                claim.setInt(1, batch);
                int seen = 0;
                while (seen < limit) {
                    List<Long> ids = new ArrayList<>(batch);
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            String recipient = rs.getString(2);
                            // the no-op channel
                            if (recipient != null) {
                                calls.incrementAndGet((int) id);
                                total.increment();
                            }
                            ids.add(id);
                        }
                    }
                    if (ids.isEmpty()) {
                        c.commit();
                        return;
                    }
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    mark.setArray(1, array);
                    mark.executeUpdate();
                    c.commit();
                    seen += ids.size();
                }
            }
        }
    }
}
