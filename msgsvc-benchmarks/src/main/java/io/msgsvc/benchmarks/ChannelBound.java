package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.benchmarks.Rows.Row;
import io.msgsvc.jdbc.JdbcStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Channel-bound throughput: one reservation sent through a gateway that answers every send {@code latency} after it
 * was issued (an asynchronous client, as an SMPP session is), with {@code window} sends in flight. Nothing else limits
 * it, so the ideal is {@code window / latency}; the figure is the share of it msgsvc reaches end to end (registered
 * before the clock starts; timed until the dashboard shows the reservation {@code COMPLETED}).
 */
final class ChannelBound {

    /** Seconds from the engine's start: to the first call, to the last answer, to the reservation's completion. */
    record Result(double firstCall, double lastAnswer, double completed) {}

    private ChannelBound() {}

    /** Runs the channel-bound contenders chosen: msgsvc-gateway (this one) and msgsvc-shared-gateway. */
    static void benchmarkChosen(
            PostgresServers servers, PostgresServers.Durability d, Options o, List<Row> rows, List<String> notes)
            throws Exception {
        if (o.contenders.contains("msgsvc-gateway")) {
            benchmark(servers, d, o, rows, notes);
        }
        if (o.contenders.contains("msgsvc-shared-gateway")) {
            SharedGateway.benchmark(servers, d, o, rows, notes);
        }
    }

    /** Runs it, prints it and adds its rows. */
    static void benchmark(
            PostgresServers servers, PostgresServers.Durability d, Options o, List<Row> rows, List<String> notes)
            throws Exception {
        int n = o.gatewayRecipients;
        double ideal = o.gatewayWindow * 1000.0 / o.gatewayLatencyMs;
        System.out.printf(
                Locale.ROOT,
                "%n== channel-bound: one reservation of %,d recipients, gateway answering in %d ms, window %d,"
                        + " PostgreSQL %s ==%n",
                n,
                o.gatewayLatencyMs,
                o.gatewayWindow,
                d.label);
        Result r = run(servers.newDatabase(d), o);
        double rate = n / r.completed();
        double steady = n / (r.lastAnswer() - r.firstCall());
        System.out.printf(
                Locale.ROOT,
                "  msgsvc            %10.0f sends/s  (%.2f s; ideal %.0f/s: %.1f %%; first call after %.2f s, from it"
                        + " to the last answer %.0f sends/s: %.1f %%)%n",
                rate,
                r.completed(),
                ideal,
                100 * rate / ideal,
                r.firstCall(),
                steady,
                100 * steady / ideal);
        String setting = d.shortName();
        String contender = "msgsvc, window " + o.gatewayWindow + ", " + o.gatewayLatencyMs + " ms gateway";
        rows.add(new Row("channel-bound", setting, contender, "throughput", rate, "sends/s"));
        rows.add(new Row("channel-bound", setting, contender, "% of window / latency", 100 * rate / ideal, "%"));
        rows.add(new Row(
                "channel-bound",
                setting,
                contender,
                "% of ideal, first call to last answer",
                100 * steady / ideal,
                "%"));
        notes.add(String.format(
                Locale.ROOT,
                "Channel-bound, %s: one reservation of %,d recipients through a gateway answering in %d ms with %d"
                        + " in flight: %,.0f sends/s, %.1f%% of the ideal %,.0f/s.",
                d.label,
                n,
                o.gatewayLatencyMs,
                o.gatewayWindow,
                rate,
                100 * rate / ideal,
                ideal));
    }

    /** Times from the engine's start until the reservation is completed on the dashboard, every send once. */
    private static Result run(String url, Options o) throws Exception {
        int n = o.gatewayRecipients;
        ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
        ConcurrentHashMap<DeliveryId, AtomicInteger> calls = new ConcurrentHashMap<>(n * 2);
        AtomicLong firstCall = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        AsyncMessageChannel gateway = m -> {
            calls.computeIfAbsent(m.deliveryId(), k -> new AtomicInteger()).incrementAndGet();
            firstCall.compareAndSet(0, System.nanoTime());
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            answers.schedule(
                    () -> {
                        lastAnswer.set(System.nanoTime());
                        answer.complete(SendOutcome.accepted("gw-" + m.idempotencyKey()));
                    },
                    o.gatewayLatencyMs,
                    TimeUnit.MILLISECONDS);
            return answer;
        };
        CountDownLatch completed = new CountDownLatch(1);
        try (HikariDataSource pool = PostgresServers.pool(url, o.poolSize, "msgsvc-gateway");
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build();
                Msgsvc engine = MsgsvcDrain.engine(storage, o)
                        .nodeId("gateway")
                        .channel(gateway)
                        .sendWindow(o.gatewayWindow)
                        .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(n))
                        .dashboardListener(v -> {
                            if (v.status() == ReservationStatus.COMPLETED) {
                                completed.countDown();
                            }
                        })
                        .build()) {
            List<String> recipients = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                recipients.add("+8210" + i);
            }
            ReservationId id = engine.reserve(ReservationRequest.builder()
                            .customerId(MsgsvcDrain.CUSTOMER)
                            .text("Sale 10%")
                            .recipients(recipients)
                            .sendAt(Instant.now().minusSeconds(1))
                            .build())
                    .id();
            PostgresServers.execute(pool, "VACUUM ANALYZE");
            long start = System.nanoTime();
            engine.start();
            if (!completed.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("channel-bound run did not complete: " + id);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long repeated = calls.values().stream().mapToLong(c -> c.get() - 1).sum();
            if (calls.size() != n || repeated != 0) {
                throw new IllegalStateException(
                        "channel-bound run sent " + calls.size() + " of " + n + ", " + repeated + " twice");
            }
            return new Result((firstCall.get() - start) / 1e9, (lastAnswer.get() - start) / 1e9, seconds);
        } finally {
            answers.shutdownNow();
        }
    }
}
