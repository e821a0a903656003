package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.DashboardListener;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * msgsvc draining a backlog of due deliveries through a no-op channel, end to end: every delivery sent, its
 * result stored, billed, counted in the statistics and shown on the dashboard. One or more engines (each its own
 * pool, JdbcStorage and Msgsvc) share the database.
 */
final class MsgsvcDrain {
    static final String CUSTOMER = "bench";

    record Result(
            int nodes,
            int deliveries,
            double seconds,
            long channelCalls,
            long distinctDeliveries,
            long duplicates,
            long billed,
            long statisticsSent,
            long dashboardCompleted,
            CpuTime.Spent cpu) {
        double rate() {
            return deliveries / seconds;
        }
    }

    private MsgsvcDrain() {}

    static MsgsvcBuilder engine(JdbcStorage storage, Options o) {
        return Msgsvc.builder()
                .storage(storage)
                .dispatchThreads(o.dispatchThreads)
                .isolateChannelCalls(o.isolateChannelCalls)
                .resultBatchSize(o.resultBatchSize)
                .deliveryBatchSize(o.deliveryBatchSize)
                .outboxBatchSize(o.outboxBatchSize);
    }

    /** Registers deliveries / perReservation reservations, all due now. Not timed. */
    static List<ReservationId> registerBacklog(Msgsvc registrar, int deliveries, int perReservation) {
        List<ReservationId> ids = new ArrayList<>();
        Instant due = Instant.now().minusSeconds(1);
        for (int r = 0; r < deliveries / perReservation; r++) {
            List<String> recipients = new ArrayList<>(perReservation);
            for (int i = 0; i < perReservation; i++) {
                recipients.add("+82" + r + "-" + i);
            }
            ids.add(registrar
                    .reserve(ReservationRequest.builder()
                            .customerId(CUSTOMER)
                            .text("Sale 10%")
                            .recipients(recipients)
                            .sendAt(due)
                            .build())
                    .id());
        }
        return ids;
    }

    /**
     * Drains a small backlog first, untimed: JIT, pools and table statistics as in a running system. Its channel and
     * dashboard listener are the timed run's own code, so the JIT has compiled the send path for the classes the
     * timed run calls rather than compiling it again while timed.
     */
    static void warmUp(JdbcStorage storage, int deliveries, Options o) throws Exception {
        Set<ReservationId> registered = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(1);
        try (Msgsvc warm = engine(storage, o)
                .nodeId("warm-up")
                .channel(countingChannel(new ConcurrentHashMap<>()))
                .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(o.recipientsPerReservation))
                .dashboardListener(completion(registered, ConcurrentHashMap.newKeySet(), all))
                .build()) {
            registered.addAll(registerBacklog(warm, deliveries, o.recipientsPerReservation));
            warm.start();
            if (!all.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("warm-up did not finish");
            }
        }
    }

    /** The no-op channel of the drains: accepts every message and counts the calls per delivery. */
    private static MessageChannel countingChannel(ConcurrentHashMap<DeliveryId, AtomicInteger> calls) {
        return m -> {
            calls.computeIfAbsent(m.deliveryId(), k -> new AtomicInteger()).incrementAndGet();
            return SendOutcome.accepted("ok");
        };
    }

    /** Adds each of {@code expected} to {@code completed} once COMPLETED; counts {@code all} down when all are. */
    private static DashboardListener completion(
            Set<ReservationId> expected, Set<ReservationId> completed, CountDownLatch all) {
        return v -> {
            if (v.status() == ReservationStatus.COMPLETED
                    && expected.contains(v.reservationId())
                    && completed.add(v.reservationId())
                    && completed.size() == expected.size()) {
                all.countDown();
            }
        };
    }

    static Result run(String url, int deliveries, int nodes, Options o) throws Exception {
        int reservations = deliveries / o.recipientsPerReservation;
        ConcurrentHashMap<DeliveryId, AtomicInteger> calls = new ConcurrentHashMap<>(deliveries * 2);
        Set<ReservationId> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch allCompleted = new CountDownLatch(1);
        List<HikariDataSource> pools = new ArrayList<>();
        List<JdbcStorage> storages = new ArrayList<>();
        List<Msgsvc> engines = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                HikariDataSource pool = PostgresServers.pool(url, o.poolSize, "msgsvc-node-" + n);
                pools.add(pool);
                storages.add(JdbcStorage.builder(pool)
                        .migrate(n == 0)
                        .cleanupInterval(null)
                        .build());
            }
            int warm = o.cold ? 0 : o.drainWarmupDeliveries;
            if (warm > 0) {
                warmUp(storages.get(0), warm, o);
            }
            // the backlog: registered (and the tables analysed) before the clock starts
            Set<ReservationId> backlog = ConcurrentHashMap.newKeySet(); // the set type the warm-up's listener saw
            try (Msgsvc registrar = engine(storages.get(0), o)
                    .channel(m -> SendOutcome.accepted("x"))
                    .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(o.recipientsPerReservation))
                    .build()) {
                backlog.addAll(registerBacklog(registrar, deliveries, o.recipientsPerReservation));
            }
            if (warm > 0) {
                // steady state: every table, the projections' included, has statistics from real rows
                PostgresServers.execute(pools.get(0), "VACUUM ANALYZE");
            } else {
                // a fresh install: the backlog tables are analysed, the (still empty) projection tables are not
                PostgresServers.execute(
                        pools.get(0), "VACUUM ANALYZE msgsvc_reservation, msgsvc_delivery, msgsvc_outbox");
            }
            for (int n = 0; n < nodes; n++) {
                engines.add(engine(storages.get(n), o)
                        .nodeId("bench-node-" + n)
                        .channel(countingChannel(calls))
                        .dashboardListener(completion(backlog, completed, allCompleted))
                        .build());
            }
            boolean statements = Boolean.getBoolean("benchmarks.pgStatStatements");
            if (statements) {
                PostgresServers.execute(
                        pools.get(0),
                        "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                        "SELECT pg_stat_statements_reset()");
            }
            PostgresServers.settle(pools.get(0));
            long start = System.nanoTime();
            CpuTime.Spent cpuAtStart = CpuTime.Spent.now();
            engines.forEach(Msgsvc::start);
            if (!allCompleted.await(Math.max(600, deliveries / 100), TimeUnit.SECONDS)) {
                throw new IllegalStateException("msgsvc drain timed out: " + completed.size() + " of " + reservations
                        + " reservations completed on the dashboard");
            }
            // billing and statistics are projected before the dashboard; confirm they show everything
            Msgsvc first = engines.get(0);
            long billed;
            long statsSent;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                billed = first.billing(CUSTOMER).charges();
                statsSent = first.statistics(
                                CUSTOMER, Instant.EPOCH, Instant.now().plus(Duration.ofDays(2)))
                        .totals()
                        .sent();
            } while ((billed < deliveries + warm || statsSent < deliveries + warm) && System.nanoTime() < deadline);
            billed -= warm;
            statsSent -= warm;
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuTime.Spent cpu = cpuAtStart.since();
            if (statements) {
                Profiling.printTopStatements(pools.get(0), seconds);
            }
            long totalCalls =
                    calls.values().stream().mapToLong(AtomicInteger::get).sum();
            long duplicates = calls.values().stream()
                    .mapToLong(c -> Math.max(0, c.get() - 1))
                    .sum();
            return new Result(
                    nodes,
                    deliveries,
                    seconds,
                    totalCalls,
                    calls.size(),
                    duplicates,
                    billed,
                    statsSent,
                    completed.size(),
                    cpu);
        } finally {
            engines.forEach(Msgsvc::close);
            storages.forEach(JdbcStorage::close);
            pools.forEach(HikariDataSource::close);
        }
    }
}
