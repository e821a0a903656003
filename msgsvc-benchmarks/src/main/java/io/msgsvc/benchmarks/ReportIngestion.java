package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.benchmarks.Rows.Row;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Delivery reports applied per second: a backlog drained through a channel that reports delivery (every send
 * submitted, awaiting its report), then one final report per delivery ingested by provider reference, in batches of
 * 500 from as many threads as the engine dispatches with, until every reservation is {@code COMPLETED} on the
 * dashboard and billing and statistics show every report. Side by side with the send drain of the same run: applying
 * a report should cost no more than recording a send result.
 */
final class ReportIngestion {
    private static final int BATCH = 500;

    record Result(int deliveries, double submitSeconds, double reportSeconds, long delivered, long applied) {
        double submitRate() {
            return deliveries / submitSeconds;
        }

        double reportRate() {
            return deliveries / reportSeconds;
        }
    }

    private ReportIngestion() {}

    /** Runs it, prints it and adds its rows; {@code drainRate} is msgsvc's send drain in this run (NaN if none). */
    static void benchmark(
            PostgresServers servers,
            PostgresServers.Durability d,
            Options o,
            double drainRate,
            List<Row> rows,
            List<String> notes)
            throws Exception {
        Result r = run(servers.newDatabase(d), o.deliveries, o);
        System.out.printf(
                Locale.ROOT,
                "  msgsvc, reporting %10.0f deliveries/s submitted; reports %10.0f/s applied (%.2f s; %d delivered)%n",
                r.submitRate(),
                r.reportRate(),
                r.reportSeconds(),
                r.delivered());
        if (r.delivered() != r.deliveries() || r.applied() != r.deliveries()) {
            throw new IllegalStateException("reports incomplete: " + r);
        }
        String setting = d.shortName();
        rows.add(new Row("drain", setting, "msgsvc, reporting channel", "throughput", r.submitRate(), "deliveries/s"));
        rows.add(new Row("reports", setting, "msgsvc", "throughput", r.reportRate(), "reports/s"));
        if (!Double.isNaN(drainRate)) {
            rows.add(new Row("reports", setting, "msgsvc", "x send drain", r.reportRate() / drainRate, "ratio"));
            notes.add(String.format(
                    Locale.ROOT,
                    "Reports, %s: %,.0f reports/s applied in batches of %d, %.2fx the send drain of the same run"
                            + " (%,d deliveries).",
                    d.label,
                    r.reportRate(),
                    BATCH,
                    r.reportRate() / drainRate,
                    r.deliveries()));
        }
    }

    static Result run(String url, int deliveries, Options o) throws Exception {
        int reservations = deliveries / o.recipientsPerReservation;
        Set<ReservationId> awaiting = ConcurrentHashMap.newKeySet();
        Set<ReservationId> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch allAwaiting = new CountDownLatch(1);
        CountDownLatch allCompleted = new CountDownLatch(1);
        MessageChannel reporting = new MessageChannel() {
            @Override
            public SendOutcome send(OutboundMessage m) {
                return SendOutcome.accepted(reference(m.idempotencyKey()));
            }

            @Override
            public boolean reportsDelivery() {
                return true;
            }
        };
        try (HikariDataSource pool = PostgresServers.pool(url, o.poolSize, "msgsvc-reports");
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build()) {
            if (!o.cold) {
                MsgsvcDrain.warmUp(storage, o.warmupDeliveries, o);
            }
            List<ReservationId> backlog;
            try (Msgsvc registrar = MsgsvcDrain.engine(storage, o)
                    .channel(reporting)
                    .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(o.recipientsPerReservation))
                    .build()) {
                backlog = MsgsvcDrain.registerBacklog(registrar, deliveries, o.recipientsPerReservation);
            }
            PostgresServers.execute(pool, "VACUUM ANALYZE");
            Set<ReservationId> ours = Set.copyOf(backlog);
            try (Msgsvc engine = MsgsvcDrain.engine(storage, o)
                    .nodeId("reports")
                    .channel(reporting)
                    .dashboardListener(v -> {
                        if (!ours.contains(v.reservationId())) {
                            return;
                        }
                        if (v.status() == ReservationStatus.AWAITING_RESULTS
                                && awaiting.add(v.reservationId())
                                && awaiting.size() == reservations) {
                            allAwaiting.countDown();
                        } else if (v.status() == ReservationStatus.COMPLETED
                                && completed.add(v.reservationId())
                                && completed.size() == reservations) {
                            allCompleted.countDown();
                        }
                    })
                    .build()) {
                long start = System.nanoTime();
                engine.start();
                await(allAwaiting, deliveries, "submitting");
                double submitSeconds = (System.nanoTime() - start) / 1e9;
                long applied = ingest(engine, backlog, o);
                await(allCompleted, deliveries, "reporting");
                StatisticsCounters counted;
                do {
                    counted = engine.statistics(
                                    MsgsvcDrain.CUSTOMER,
                                    Instant.EPOCH,
                                    Instant.now().plus(Duration.ofDays(2)))
                            .totals();
                } while (counted.delivered() < deliveries);
                double reportSeconds = (System.nanoTime() - start) / 1e9 - submitSeconds;
                return new Result(deliveries, submitSeconds, reportSeconds, counted.delivered(), applied);
            }
        }
    }

    private static String reference(String idempotencyKey) {
        return "r-" + idempotencyKey;
    }

    /** One final report per delivery, by reference, in batches from several threads; returns how many applied. */
    private static long ingest(Msgsvc engine, List<ReservationId> backlog, Options o) throws Exception {
        List<List<DeliveryReport>> batches = new ArrayList<>();
        List<DeliveryReport> batch = new ArrayList<>(BATCH);
        Instant reportedAt = Instant.now();
        for (ReservationId id : backlog) {
            for (int seq = 0; seq < o.recipientsPerReservation; seq++) {
                batch.add(DeliveryReport.forReference(reference(id + "/" + seq))
                        .status(ReportStatus.DELIVERED)
                        .providerCode("DELIVRD", null)
                        .reportedAt(reportedAt)
                        .build());
                if (batch.size() == BATCH) {
                    batches.add(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        ExecutorService threads = Executors.newFixedThreadPool(o.dispatchThreads);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (List<DeliveryReport> reports : batches) {
                done.add(threads.submit(() -> engine.reportDeliveries(reports).stream()
                        .filter(ReportOutcome.APPLIED::equals)
                        .count()));
            }
            long applied = 0;
            for (Future<Long> f : done) {
                applied += f.get();
            }
            return applied;
        } finally {
            threads.shutdown();
        }
    }

    private static void await(CountDownLatch latch, int deliveries, String what) throws InterruptedException {
        if (!latch.await(Math.max(600, deliveries / 100), TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " timed out");
        }
    }
}
