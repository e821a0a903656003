package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.OutboundMessage;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Channel-bound throughput: one reservation sent through a gateway that answers every send {@code latency} after it
 * was issued (an asynchronous client, as an SMPP session is), with {@code window} sends in flight. Nothing else limits
 * it, so the ideal is {@code window / latency}; the figure is the share of it msgsvc reaches end to end (registered
 * before the clock starts; timed until the dashboard shows the reservation {@code COMPLETED}).
 */
final class ChannelBound {

    /**
     * Seconds from the engine's start: to the first call, to the last answer, to the reservation's completion; the
     * deliveries the channel was called for and the calls beyond one per delivery.
     */
    record Result(double firstCall, double lastAnswer, double completed, int called, long repeated) {}

    private ChannelBound() {}

    /** Runs the channel-bound contenders chosen: msgsvc-gateway (this one), msgsvc-smpp, msgsvc-shared-gateway. */
    static void benchmarkChosen(
            PostgresServers servers, PostgresServers.Durability d, Options o, List<Row> rows, List<String> notes)
            throws Exception {
        if (o.contenders.contains("msgsvc-gateway")) {
            benchmark(servers, d, o, rows, notes);
        }
        if (o.contenders.contains("msgsvc-smpp")) {
            SmppChannelBound.benchmark(servers, d, o, rows, notes);
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
        System.out.printf(
                Locale.ROOT,
                "%n== channel-bound: one reservation of %,d recipients, gateway answering in %d ms, window %d,"
                        + " PostgreSQL %s ==%n",
                n,
                o.gatewayLatencyMs,
                o.gatewayWindow,
                d.label);
        ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
        AsyncMessageChannel gateway = m -> {
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            answers.schedule(
                    () -> answer.complete(SendOutcome.accepted("gw-" + m.idempotencyKey())),
                    o.gatewayLatencyMs,
                    TimeUnit.MILLISECONDS);
            return answer;
        };
        Result r;
        try {
            // a short run first, so the timed one does not pay for class loading and the JIT's first compilations
            run(servers.newDatabase(d), o, warmUp(o), "gateway-warm-up", gateway, engine -> {});
            r = run(servers.newDatabase(d), o, n, "gateway", gateway, engine -> {});
        } finally {
            answers.shutdownNow();
        }
        if (r.called() != n || r.repeated() != 0) {
            throw new IllegalStateException(
                    "channel-bound run sent " + r.called() + " of " + n + ", " + r.repeated() + " twice");
        }
        report(
                "channel-bound",
                "msgsvc",
                "msgsvc, window " + o.gatewayWindow + ", " + o.gatewayLatencyMs + " ms gateway",
                String.format(
                        Locale.ROOT,
                        "Channel-bound, %s: one reservation of %,d recipients through a gateway answering in %d ms"
                                + " with %d in flight",
                        d.label,
                        n,
                        o.gatewayLatencyMs,
                        o.gatewayWindow),
                d,
                o,
                r,
                rows,
                notes);
    }

    /**
     * Prints one run's line and adds its rows (throughput, % of window / latency, % of the ideal from the first call
     * to the last answer) under {@code scenario} and a note beginning with {@code what}.
     */
    static void report(
            String scenario,
            String label,
            String contender,
            String what,
            PostgresServers.Durability d,
            Options o,
            Result r,
            List<Row> rows,
            List<String> notes) {
        int n = o.gatewayRecipients;
        double ideal = o.gatewayWindow * 1000.0 / o.gatewayLatencyMs;
        double rate = n / r.completed();
        double steady = n / (r.lastAnswer() - r.firstCall());
        System.out.printf(
                Locale.ROOT,
                "  %-17s %10.0f sends/s  (%.2f s; ideal %.0f/s: %.1f %%; first call after %.2f s, from it"
                        + " to the last answer %.0f sends/s: %.1f %%)%n",
                label,
                rate,
                r.completed(),
                ideal,
                100 * rate / ideal,
                r.firstCall(),
                steady,
                100 * steady / ideal);
        String setting = d.shortName();
        rows.add(new Row(scenario, setting, contender, "throughput", rate, "sends/s"));
        rows.add(new Row(scenario, setting, contender, "% of window / latency", 100 * rate / ideal, "%"));
        rows.add(new Row(
                scenario, setting, contender, "% of ideal, first call to last answer", 100 * steady / ideal, "%"));
        notes.add(String.format(
                Locale.ROOT, "%s: %,.0f sends/s, %.1f%% of the ideal %,.0f/s.", what, rate, 100 * rate / ideal, ideal));
    }

    /** Recipients of the untimed run before a timed one. */
    static int warmUp(Options o) {
        return Math.min(o.warmupDeliveries, o.gatewayRecipients);
    }

    /**
     * Registers one reservation of {@code n} recipients through {@code channel}, hands the engine to {@code
     * beforeStart} (untimed), then times from the engine's start until the dashboard shows it {@code COMPLETED}.
     */
    static Result run(
            String url, Options o, int n, String node, AsyncMessageChannel channel, Consumer<Msgsvc> beforeStart)
            throws Exception {
        Timed timed = new Timed(channel, n);
        CountDownLatch completed = new CountDownLatch(1);
        try (HikariDataSource pool = PostgresServers.pool(url, o.poolSize, "msgsvc-" + node);
                JdbcStorage storage = JdbcStorage.builder(pool)
                        .migrate(true)
                        .cleanupInterval(null)
                        .build();
                Msgsvc engine = MsgsvcDrain.engine(storage, o)
                        .nodeId(node)
                        .channel(timed)
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
            beforeStart.accept(engine);
            PostgresServers.execute(pool, "VACUUM ANALYZE");
            long start = System.nanoTime();
            engine.start();
            if (!completed.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException(node + " run did not complete: " + id);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long repeated =
                    timed.calls.values().stream().mapToLong(c -> c.get() - 1).sum();
            return new Result(
                    (timed.firstCall.get() - start) / 1e9,
                    (timed.lastAnswer.get() - start) / 1e9,
                    seconds,
                    timed.calls.size(),
                    repeated);
        }
    }

    /** The channel as the engine sees it: counts the calls per delivery, notes the first call and the last answer. */
    private static final class Timed implements AsyncMessageChannel {
        final AsyncMessageChannel channel;
        final ConcurrentHashMap<DeliveryId, AtomicInteger> calls;
        final AtomicLong firstCall = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();

        Timed(AsyncMessageChannel channel, int n) {
            this.channel = channel;
            this.calls = new ConcurrentHashMap<>(n * 2);
        }

        @Override
        public CompletionStage<SendOutcome> sendAsync(OutboundMessage m) {
            calls.computeIfAbsent(m.deliveryId(), k -> new AtomicInteger()).incrementAndGet();
            firstCall.compareAndSet(0, System.nanoTime());
            return channel.sendAsync(m).whenComplete((outcome, failure) -> lastAnswer.set(System.nanoTime()));
        }

        @Override
        public int window() {
            return channel.window();
        }

        @Override
        public boolean reportsDelivery() {
            return channel.reportsDelivery();
        }
    }
}
