package io.msgsvc.kafka;

import io.msgsvc.Msgsvc;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.Role;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.jdbc.TestDatabases;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.RecordedResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Prints relay throughput (outbox to topic, events/s) and end-to-end lag (a send result recorded to the dashboard
 * listener of another engine told, through Kafka), p50 and p99, on PostgreSQL with durable commits and with the
 * fast setting. Not a test: after {@code mvn install -DskipTests}, run
 * {@code mvn -pl msgsvc-kafka exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.msgsvc.kafka.KafkaBenchmark}.
 */
public final class KafkaBenchmark {
    private static final int RELAY_EVENTS = 50_000;
    private static final int LAG_DELIVERIES = 5_000;

    private KafkaBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (TestKafka kafka = TestKafka.start()) {
            System.out.println("Kafka transport, one in-JVM KRaft broker, embedded PostgreSQL, 2 cores");
            System.out.printf(
                    "%-44s %14s %10s %10s %10s%n",
                    "PostgreSQL commits", "relay events/s", "lag p50", "lag p99", "lag max");
            run(kafka, "durable (fsync, synchronous_commit on)", TestDatabases::postgresDurable);
            run(kafka, "fast (fsync, synchronous_commit off)", TestDatabases::postgres);
        }
        System.exit(0);
    }

    private static void run(TestKafka kafka, String name, Supplier<DataSource> database) throws Exception {
        double relayRate = relayThroughput(kafka, database.get());
        long[] lags = endToEndLag(kafka, database.get());
        System.out.printf(
                Locale.ROOT,
                "%-44s %14.0f %8d ms %8d ms %8d ms%n",
                name,
                relayRate,
                percentile(lags, 50),
                percentile(lags, 99),
                lags[lags.length - 1]);
    }

    /** Fills the outbox with MsgSent events, then times one relaying engine emptying it into the topic. */
    private static double relayThroughput(TestKafka kafka, DataSource db) throws Exception {
        JdbcStorage storage =
                JdbcStorage.builder(db).migrate(true).cleanupInterval(null).build();
        var queue = storage.dispatchQueue();
        int perReservation = 1_000;
        try (Msgsvc registrar = Msgsvc.builder()
                .storage(storage)
                .channel(m -> SendOutcome.accepted("x"))
                .recipientPolicy(RecipientPolicy.defaults().withMaxRecipients(perReservation))
                .roles(Role.SENDER)
                .build()) {
            for (int r = 0; r < RELAY_EVENTS / perReservation; r++) {
                List<String> recipients = new ArrayList<>();
                for (int i = 0; i < perReservation; i++) {
                    recipients.add("+" + r + "-" + i);
                }
                Reservation reservation = registrar.reserve(ReservationRequest.builder()
                        .customerId("bench")
                        .text("hi")
                        .recipients(recipients)
                        .build());
                List<ClaimedReservation> claimed = List.of();
                while (claimed.isEmpty()) {
                    claimed = storage.inTransaction(
                            tx -> queue.claimDue(tx, Instant.now(), 1, "filler", Duration.ofMinutes(5), Set.of()));
                }
                for (int from = 0; from < perReservation; from += 500) {
                    List<RecordedResult> results = new ArrayList<>();
                    for (int seq = from; seq < from + 500; seq++) {
                        DeliveryId d = new DeliveryId(reservation.id(), seq);
                        Instant now = Instant.now();
                        results.add(new RecordedResult(
                                new DeliveryResult(d, DeliveryState.SENT, 1, "x", now),
                                new ReservationEvent.MsgSent(
                                        UUID.randomUUID(),
                                        reservation.id(),
                                        "bench",
                                        now,
                                        d,
                                        "+" + seq,
                                        1,
                                        "x",
                                        MessageType.SMS,
                                        1)));
                    }
                    // as the engine writes them when events go through the outbox
                    storage.inTransaction(tx -> {
                        storage.outbox()
                                .append(
                                        tx,
                                        queue.recordResults(tx, reservation.id(), "filler", results, -1)
                                                .events());
                        return null;
                    });
                }
            }
        }
        int queued = unpublished(db);
        KafkaEventTransport transport = KafkaEventTransport.builder(kafka.bootstrapServers())
                .topic("relay-" + UUID.randomUUID())
                .build();
        long start = System.nanoTime();
        try (Msgsvc relay = Msgsvc.builder()
                .storage(storage)
                .channel(m -> SendOutcome.accepted("x"))
                .eventTransport(transport)
                .roles(Role.RELAY)
                .build()
                .start()) {
            while (unpublished(db) > 0) {
                Thread.onSpinWait();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        storage.close();
        ((AutoCloseable) db).close();
        return queued / seconds;
    }

    /**
     * One engine sends and relays, another projects; each dashboard update told to the second engine's listener is
     * timed against the moment its send result was recorded.
     */
    private static long[] endToEndLag(TestKafka kafka, DataSource db) throws Exception {
        String topic = "lag-" + UUID.randomUUID();
        JdbcStorage sendingStorage =
                JdbcStorage.builder(db).migrate(true).cleanupInterval(null).build();
        JdbcStorage projectingStorage =
                JdbcStorage.builder(db).cleanupInterval(null).build();
        long[] lags = new long[LAG_DELIVERIES];
        int[] seen = {0};
        CountDownLatch done = new CountDownLatch(1);
        try (Msgsvc projector = Msgsvc.builder()
                        .storage(projectingStorage)
                        .channel(m -> SendOutcome.accepted("x"))
                        .eventTransport(KafkaEventTransport.builder(kafka.bootstrapServers())
                                .topic(topic)
                                .groupIdPrefix(topic + "-")
                                .build())
                        .roles(Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                        .dashboardListener(view -> record(view, lags, seen, done))
                        .build()
                        .start();
                Msgsvc sender = Msgsvc.builder()
                        .storage(sendingStorage)
                        .channel(KafkaBenchmark::gateway)
                        .eventTransport(KafkaEventTransport.builder(kafka.bootstrapServers())
                                .topic(topic)
                                .build())
                        .roles(Role.SENDER, Role.RELAY)
                        .build()
                        .start()) {
            // a steady stream below capacity (about 500 sends/s), so the lag is latency, not a queue:
            // 100 reservations of 50 recipients, 100 ms apart, through a gateway answering in 2 ms
            Instant start = Instant.now().plusMillis(500);
            for (int r = 0; r < LAG_DELIVERIES / 50; r++) {
                List<String> recipients = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    recipients.add("+" + r + "-" + i);
                }
                sender.reserve(ReservationRequest.builder()
                        .customerId("bench")
                        .text("hi")
                        .recipients(recipients)
                        .sendAt(start.plusMillis(100L * r))
                        .build());
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + seen[0] + " of " + LAG_DELIVERIES + " results arrived");
            }
        }
        sendingStorage.close();
        projectingStorage.close();
        ((AutoCloseable) db).close();
        Arrays.sort(lags);
        return lags;
    }

    private static SendOutcome gateway(io.msgsvc.api.OutboundMessage message) throws InterruptedException {
        Thread.sleep(2); // the gateway's answer time
        return SendOutcome.accepted("x");
    }

    /** A dashboard update whose sent count rose: its updatedAt is the send result's time. */
    private static synchronized void record(DashboardView view, long[] lags, int[] seen, CountDownLatch done) {
        if (view.sent() == 0 || seen[0] >= lags.length) {
            return;
        }
        lags[seen[0]++] = Duration.between(view.updatedAt(), Instant.now()).toMillis();
        if (seen[0] == lags.length) {
            done.countDown();
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static int unpublished(DataSource db) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from msgsvc_outbox where published_at is null")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
