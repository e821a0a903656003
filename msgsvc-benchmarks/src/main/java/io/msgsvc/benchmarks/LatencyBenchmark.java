package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine; M single-recipient reservations due at instants spread evenly over a window. Scheduling latency:
 * the reservation's sendAt to the channel call. Dashboard freshness: the send result's time (the dashboard view's
 * updatedAt) to the dashboard listener being told.
 */
final class LatencyBenchmark {
    record Result(
            int reservations,
            int windowSeconds,
            Stats schedulingMs,
            Stats freshnessMs,
            int registeredLate,
            double registrationLeadSeconds) {}

    private LatencyBenchmark() {}

    static Result run(String url, Options o) throws Exception {
        int m = o.latencyReservations;
        Map<ReservationId, Instant> sendAt = new ConcurrentHashMap<>(m * 2);
        ConcurrentLinkedQueue<Double> scheduling = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> freshness = new ConcurrentLinkedQueue<>();
        Set<ReservationId> seenSent = ConcurrentHashMap.newKeySet();
        CountDownLatch sent = new CountDownLatch(m);
        CountDownLatch shown = new CountDownLatch(m);
        try (HikariDataSource pool = PostgresServers.pool(url, o.poolSize, "latency");
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build();
                Msgsvc msgsvc = MsgsvcDrain.engine(storage, o)
                        .channel(message -> {
                            Instant now = Instant.now();
                            Instant due = sendAt.get(message.deliveryId().reservationId());
                            if (due != null) {
                                scheduling.add(Duration.between(due, now).toNanos() / 1e6);
                            }
                            sent.countDown();
                            return SendOutcome.accepted("ok");
                        })
                        .dashboardListener((DashboardView v) -> {
                            Instant now = Instant.now();
                            if (v.sent() == 1 && seenSent.add(v.reservationId())) {
                                freshness.add(
                                        Duration.between(v.updatedAt(), now).toNanos() / 1e6);
                                shown.countDown();
                            }
                        })
                        .build()
                        .start()) {
            // due times start after the registrations are expected to be done, so the run measures latency
            // under a steady stream, not registration load
            Duration lead = Duration.ofMillis(3000 + 2L * m);
            Instant first = Instant.now().plus(lead);
            long stepNanos = TimeUnit.SECONDS.toNanos(o.latencyWindowSeconds) / m;
            AtomicInteger late = new AtomicInteger();
            ExecutorService registrars = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(registrars.submit(() -> {
                    for (int i = offset; i < m; i += 4) {
                        Instant due = first.plusNanos(stepNanos * i);
                        ReservationId id = msgsvc.reserve(ReservationRequest.builder()
                                        .customerId("bench")
                                        .text("hi")
                                        .recipients("+82-" + i)
                                        .sendAt(due)
                                        .build())
                                .id();
                        sendAt.put(id, due);
                        if (Instant.now().isAfter(due)) {
                            late.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            registrars.shutdown();
            double leadLeft = Duration.between(Instant.now(), first).toMillis() / 1000.0;
            long waitSeconds = lead.toSeconds() + o.latencyWindowSeconds + 120;
            if (!sent.await(waitSeconds, TimeUnit.SECONDS) || !shown.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latency run timed out: " + (m - sent.getCount()) + " sent, "
                        + (m - shown.getCount()) + " shown");
            }
            return new Result(
                    m, o.latencyWindowSeconds, Stats.of(scheduling), Stats.of(freshness), late.get(), leadLeft);
        }
    }
}
