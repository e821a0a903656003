package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.benchmarks.Rows.Row;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway capped at a channel speed, shared by many customers' reservations at once (one each), answering every
 * send {@code latency} after it was issued, {@code window} in flight per reservation. The figures: the rate held
 * against the cap (first call to last answer), and how evenly the customers were served: when each was first sent
 * to, and when each finished.
 */
final class SharedGateway {

    /** Nanos: when a customer's first send was issued and its last answered. */
    private static final class Customer {
        final AtomicLong firstCall = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
    }

    private SharedGateway() {}

    static void benchmark(
            PostgresServers servers, PostgresServers.Durability d, Options o, List<Row> rows, List<String> notes)
            throws Exception {
        int customers = o.sharedReservations;
        int each = o.sharedRecipients;
        int cap = o.sharedSpeed;
        System.out.printf(
                Locale.ROOT,
                "%n== shared gateway: %d customers' reservations of %,d recipients, one gateway capped at %,d/s,"
                        + " answering in %d ms, window %d, %d dispatch threads, PostgreSQL %s ==%n",
                customers,
                each,
                cap,
                o.gatewayLatencyMs,
                o.gatewayWindow,
                o.dispatchThreads,
                d.label);
        ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
        Map<String, Customer> served = new ConcurrentHashMap<>();
        Map<DeliveryId, AtomicInteger> calls = new ConcurrentHashMap<>(customers * each * 2);
        AsyncMessageChannel gateway = m -> {
            calls.computeIfAbsent(m.deliveryId(), k -> new AtomicInteger()).incrementAndGet();
            Customer c = served.computeIfAbsent(m.customerId(), k -> new Customer());
            c.firstCall.compareAndSet(0, System.nanoTime());
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            answers.schedule(
                    () -> {
                        c.lastAnswer.set(System.nanoTime());
                        answer.complete(SendOutcome.accepted("gw-" + m.idempotencyKey()));
                    },
                    o.gatewayLatencyMs,
                    TimeUnit.MILLISECONDS);
            return answer;
        };
        Set<ReservationId> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch allCompleted = new CountDownLatch(customers);
        long start;
        try (HikariDataSource pool = PostgresServers.pool(servers.newDatabase(d), o.poolSize, "msgsvc-shared");
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build();
                Msgsvc engine = MsgsvcDrain.engine(storage, o)
                        .nodeId("shared-gateway")
                        .channel(gateway)
                        .sendWindow(o.gatewayWindow)
                        .sendingLimits(SendingLimits.none().channel(SendingSpeed.perSecond(cap)))
                        .dashboardListener(v -> {
                            if (v.status() == ReservationStatus.COMPLETED && completed.add(v.reservationId())) {
                                allCompleted.countDown();
                            }
                        })
                        .build()) {
            for (int r = 0; r < customers; r++) {
                List<String> recipients = new ArrayList<>(each);
                for (int i = 0; i < each; i++) {
                    recipients.add("+8210" + r + "-" + i);
                }
                engine.reserve(ReservationRequest.builder()
                        .customerId(String.format(Locale.ROOT, "shop-%02d", r))
                        .text("Sale 10%")
                        .recipients(recipients)
                        .sendAt(Instant.now().minusSeconds(1))
                        .build());
            }
            PostgresServers.execute(pool, "VACUUM ANALYZE");
            start = System.nanoTime();
            engine.start();
            if (!allCompleted.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("shared-gateway run did not complete");
            }
        } finally {
            answers.shutdownNow();
        }
        long repeated = calls.values().stream().mapToLong(c -> c.get() - 1).sum();
        if (calls.size() != customers * each || repeated != 0 || served.size() != customers) {
            throw new IllegalStateException("shared-gateway run sent " + calls.size() + " of " + customers * each + ", "
                    + repeated + " twice, to " + served.size() + " customers");
        }
        long firstCall =
                served.values().stream().mapToLong(c -> c.firstCall.get()).min().orElseThrow();
        long lastAnswer = served.values().stream()
                .mapToLong(c -> c.lastAnswer.get())
                .max()
                .orElseThrow();
        double rate = calls.size() / ((lastAnswer - firstCall) / 1e9);
        double latestFirst = (served.values().stream()
                                .mapToLong(c -> c.firstCall.get())
                                .max()
                                .orElseThrow()
                        - start)
                / 1e9;
        double earliestDone = (served.values().stream()
                                .mapToLong(c -> c.lastAnswer.get())
                                .min()
                                .orElseThrow()
                        - start)
                / 1e9;
        double allDone = (lastAnswer - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  msgsvc            %10.0f sends/s  (%.1f %% of the cap of %,d/s, first call to last answer);"
                        + " every customer first sent to within %.2f s; first customer done at %.1f s, last at"
                        + " %.1f s%n",
                rate,
                100 * rate / cap,
                cap,
                latestFirst,
                earliestDone,
                allDone);
        String setting = d.shortName();
        String contender = "msgsvc, " + customers + " customers, cap " + cap + "/s";
        rows.add(new Row("shared-gateway", setting, contender, "throughput", rate, "sends/s"));
        rows.add(new Row("shared-gateway", setting, contender, "% of the cap", 100 * rate / cap, "%"));
        rows.add(new Row("shared-gateway", setting, contender, "latest first send", latestFirst, "s"));
        rows.add(new Row("shared-gateway", setting, contender, "first customer done", earliestDone, "s"));
        rows.add(new Row("shared-gateway", setting, contender, "last customer done", allDone, "s"));
        notes.add(String.format(
                Locale.ROOT,
                "Shared gateway, %s: %d customers through one gateway capped at %,d/s: %,.0f sends/s (%.1f%% of"
                        + " the cap); every customer first sent to within %.2f s, all done between %.1f and %.1f s.",
                d.label,
                customers,
                cap,
                rate,
                100 * rate / cap,
                latestFirst,
                earliestDone,
                allDone));
    }
}
