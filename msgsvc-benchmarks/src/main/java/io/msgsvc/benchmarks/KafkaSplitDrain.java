package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcBuilder;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.Role;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.benchmarks.PostgresServers.Durability;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.kafka.KafkaEventTransport;
import io.msgsvc.kafka.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The split roles over Kafka against the inline engine, side by side in one run on durable PostgreSQL: the inline
 * engine plays every role; in the split run one engine sends and relays, another (its own pool and storage) plays
 * the four projections, connected by one in-JVM KRaft broker. Each drains the same backlog of due deliveries
 * through a no-op channel, end to end until billing and statistics show every delivery and every reservation is
 * completed on the dashboard; each checks billing, statistics and dashboard exact and prints its cost per delivery
 * ({@link CostCounters}).
 *
 * <p>Run: {@code mvn -B -ntp -q install -DskipTests && mvn -B -ntp -q -pl msgsvc-benchmarks exec:java
 * -Dexec.mainClass=io.msgsvc.benchmarks.KafkaSplitDrain -Dexec.args="--deliveries 100000"} (default 20 000;
 * {@code -Dbenchmarks.pgStatStatements=true} adds statements per delivery).
 */
public final class KafkaSplitDrain {
    private static final String CUSTOMER = MsgsvcDrain.CUSTOMER;
    private static final Set<Role> SENDING = Set.of(Role.SENDER, Role.RELAY);
    private static final Set<Role> PROJECTING = Set.of(Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD);

    record Result(String name, int deliveries, double seconds, long duplicates, CostCounters.Cost cost) {
        double rate() {
            return deliveries / seconds;
        }
    }

    private KafkaSplitDrain() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        int code = 0;
        try (PostgresServers servers = new PostgresServers();
                TestKafka kafka = TestKafka.start()) {
            System.out.printf(
                    Locale.ROOT,
                    "split roles over Kafka vs inline, %d deliveries (%d x %d), durable PostgreSQL, %d cores%n",
                    o.deliveries,
                    o.deliveries / o.recipientsPerReservation,
                    o.recipientsPerReservation,
                    Runtime.getRuntime().availableProcessors());
            // -Dbenchmarks.splitOnly=true: the split run alone, for profiling
            Result inline = Boolean.getBoolean("benchmarks.splitOnly") ? null : run(servers, null, o, null, false);
            if (inline != null) {
                print(inline);
            }
            // -Dbenchmarks.maxPollRecords=500,2000: one split run per consumer batch size (default: the transport's)
            // each with the projection roles consumed apart (a consumer group each), then together (one)
            for (String records :
                    System.getProperty("benchmarks.maxPollRecords", "").split(",")) {
                for (boolean together : new boolean[] {false, true}) {
                    Result split = run(
                            servers, kafka, o, records.isBlank() ? null : Integer.valueOf(records.trim()), together);
                    print(split);
                    if (inline != null) {
                        System.out.printf(Locale.ROOT, "split / inline: %.2f%n", split.rate() / inline.rate());
                    }
                }
            }
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static void print(Result r) {
        System.out.printf(
                Locale.ROOT,
                "  %-34s %8.0f deliveries/s (%.2f s, %d duplicates)%n    per delivery: %s%n",
                r.name(),
                r.rate(),
                r.seconds(),
                r.duplicates(),
                r.cost().describe(r.deliveries()));
    }

    /** One drain: inline when {@code kafka} is null, else the split roles over it. Warm-up first, untimed. */
    static Result run(PostgresServers servers, TestKafka kafka, Options o, Integer maxPollRecords, boolean together)
            throws Exception {
        String url = servers.newDatabase(Durability.DURABLE);
        String topic = "split-" + UUID.randomUUID();
        try (HikariDataSource sendPool = PostgresServers.pool(url, o.poolSize, "sending");
                HikariDataSource projectPool = PostgresServers.pool(url, o.poolSize, "projecting")) {
            JdbcStorage sending = JdbcStorage.builder(sendPool)
                    .migrate(true)
                    .cleanupInterval(null)
                    .build();
            JdbcStorage projecting =
                    JdbcStorage.builder(projectPool).cleanupInterval(null).build();
            try {
                drain(sending, projecting, kafka, topic, o.warmupDeliveries, o, null, maxPollRecords, together);
                PostgresServers.execute(sendPool, "VACUUM ANALYZE");
                return drain(sending, projecting, kafka, topic, o.deliveries, o, sendPool, maxPollRecords, together);
            } finally {
                sending.close();
                projecting.close();
            }
        }
    }

    /** Registers and drains a backlog; with {@code measured} set, reads the drain's cost (not the registration's). */
    private static Result drain(
            JdbcStorage sending,
            JdbcStorage projecting,
            TestKafka kafka,
            String topic,
            int deliveries,
            Options o,
            HikariDataSource measured,
            Integer maxPollRecords,
            boolean together)
            throws Exception {
        int reservations = deliveries / o.recipientsPerReservation;
        ConcurrentHashMap<DeliveryId, AtomicInteger> calls = new ConcurrentHashMap<>(deliveries * 2);
        Set<ReservationId> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch allCompleted = new CountDownLatch(1);
        Set<ReservationId> backlog;
        AtomicLong lastCall = new AtomicLong();
        Msgsvc reader = MsgsvcDrain.engine(sending, o)
                .channel(m -> SendOutcome.accepted("x"))
                .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(o.recipientsPerReservation))
                .roles(Role.SENDER)
                .build(); // never started: registers the backlog and reads the results
        backlog = Set.copyOf(MsgsvcDrain.registerBacklog(reader, deliveries, o.recipientsPerReservation));
        long billedBefore = billed(reader);
        long sentBefore = counted(reader);
        CostCounters counters = measured == null ? null : new CostCounters(measured, kafka, topic);
        MsgsvcBuilder sender = MsgsvcDrain.engine(sending, o).nodeId("sending").channel(m -> {
            calls.computeIfAbsent(m.deliveryId(), k -> new AtomicInteger()).incrementAndGet();
            lastCall.set(System.nanoTime());
            return SendOutcome.accepted("ok");
        });
        MsgsvcBuilder projector =
                kafka == null ? sender : MsgsvcDrain.engine(projecting, o).nodeId("projecting");
        projector.dashboardListener((DashboardView v) -> {
            if (v.status() == ReservationStatus.COMPLETED
                    && backlog.contains(v.reservationId())
                    && completed.add(v.reservationId())
                    && completed.size() == reservations) {
                allCompleted.countDown();
            }
        });
        List<Msgsvc> engines = new ArrayList<>();
        if (kafka != null) {
            sender.eventTransport(transport(kafka, topic, maxPollRecords)).roles(SENDING.toArray(Role[]::new));
            projector
                    .channel(m -> SendOutcome.permanentFailure("the projecting engine sends nothing"))
                    .eventTransport(transport(kafka, topic, maxPollRecords))
                    .projectTogether(together)
                    .roles(PROJECTING.toArray(Role[]::new));
            engines.add(projector.build());
        }
        engines.add(sender.build());
        long start = System.nanoTime();
        Thread timeline = null;
        if (measured != null && Boolean.getBoolean("benchmarks.timeline")) {
            timeline = new Thread(() -> timeline(measured, reader, start, calls, billedBefore), "timeline");
            timeline.setDaemon(true);
            timeline.start();
        }
        try {
            engines.forEach(Msgsvc::start);
            if (!allCompleted.await(Math.max(600, deliveries / 100), TimeUnit.SECONDS)) {
                throw new IllegalStateException("drain timed out: " + completed.size() + " of " + reservations
                        + " reservations completed on the dashboard");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((billed(reader) - billedBefore < deliveries || counted(reader) - sentBefore < deliveries)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (measured != null) {
                System.out.printf(
                        Locale.ROOT, "  the channel's last call after %.2f s%n", (lastCall.get() - start) / 1e9);
                if (Boolean.getBoolean("benchmarks.pgStatStatements")) {
                    Profiling.printTopStatements(measured, seconds);
                }
            }
            CostCounters.Cost cost = counters == null ? null : counters.read();
            check(billed(reader) - billedBefore == deliveries, "billed " + (billed(reader) - billedBefore));
            check(counted(reader) - sentBefore == deliveries, "counted " + (counted(reader) - sentBefore));
            for (ReservationId id : backlog) {
                DashboardView row = reader.dashboard(CUSTOMER, id);
                check(
                        row.sent() == o.recipientsPerReservation && row.status() == ReservationStatus.COMPLETED,
                        "dashboard row " + row);
            }
            long duplicates = calls.values().stream()
                    .mapToLong(c -> Math.max(0, c.get() - 1))
                    .sum();
            check(calls.size() == deliveries && duplicates == 0, calls.size() + " sent, " + duplicates + " twice");
            String name = kafka == null
                    ? "inline (one engine)"
                    : "split (sender+relay | 4 projections " + (together ? "together)" : "apart)")
                            + (maxPollRecords == null ? "" : ", poll " + maxPollRecords);
            return new Result(name, deliveries, seconds, duplicates, cost);
        } finally {
            if (timeline != null) {
                timeline.interrupt();
            }
            reader.close();
            // the sender first: its relay publishes what is left before the projections stop
            for (int i = engines.size() - 1; i >= 0; i--) {
                engines.get(i).close();
            }
        }
    }

    /**
     * Prints every second how far each side is (sent, waiting in the outbox, billed): shows whether sending, the
     * relay or the projections bound the split run ({@code -Dbenchmarks.timeline=true}; its count of the outbox adds
     * one statement a second to the measured cost).
     */
    private static void timeline(
            HikariDataSource pool, Msgsvc reader, long start, Map<DeliveryId, AtomicInteger> calls, long billedBefore) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000); // a sampling period, not a wait for something to happen
                System.out.printf(
                        Locale.ROOT,
                        "    %5.1f s: sent %d, outbox %d, billed %d%n",
                        (System.nanoTime() - start) / 1e9,
                        calls.size(),
                        PostgresServers.count(pool, "select count(*) from msgsvc_outbox"),
                        billed(reader) - billedBefore);
            }
        } catch (InterruptedException | RuntimeException stopped) {
            // the drain ended
        }
    }

    private static KafkaEventTransport transport(TestKafka kafka, String topic, Integer maxPollRecords) {
        KafkaEventTransport.Builder builder = KafkaEventTransport.builder(kafka.bootstrapServers())
                .topic(topic)
                .groupIdPrefix(topic + "-");
        if (maxPollRecords != null) {
            builder.consumerProperty("max.poll.records", maxPollRecords);
        }
        return builder.build();
    }

    private static long billed(Msgsvc reader) {
        return reader.billing(CUSTOMER).charges();
    }

    private static long counted(Msgsvc reader) {
        return reader.statistics(CUSTOMER, Instant.EPOCH, Instant.now().plus(Duration.ofDays(2)))
                .totals()
                .sent();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("not exact: " + what);
        }
    }
}
