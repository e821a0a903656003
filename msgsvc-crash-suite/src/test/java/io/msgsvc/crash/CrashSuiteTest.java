package io.msgsvc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.Msgsvc;
import io.msgsvc.Role;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MsgsvcException;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines in JVMs of their own on one PostgreSQL, killed with SIGKILL at random while they send, the database killed
 * and restarted once, reservations cancelled while they are sent; then every delivery, charge and count is checked
 * against the store and against what the gateway saw. Bounded: under two minutes on two cores. Prints its figures.
 */
class CrashSuiteTest {
    private static final int RESERVATIONS = 100;
    private static final int RECIPIENTS = 40;
    private static final int NODES = 3;
    /** The reservations fall due over this time, so kills find engines in the middle of sending. */
    private static final Duration DUE_OVER = Duration.ofSeconds(20);

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);
    private static final short PENDING = (short) DeliveryState.PENDING.ordinal();
    private static final short SENT = (short) DeliveryState.SENT.ordinal();

    @TempDir
    Path work;

    @Test
    void enginesAndTheDatabaseKilledWhileSendingLeaveEveryDeliveryExact() throws Exception {
        long seed = Long.getLong("msgsvc.seed", System.nanoTime());
        Random random = new Random(seed);
        long began = System.nanoTime();
        try (CrashingPostgres db = CrashingPostgres.start(work.resolve("pgdata"));
                HikariDataSource suiteDb = CrashNode.pool(db.url(), "suite", 4)) {
            JdbcStorage storage = JdbcStorage.builder(suiteDb)
                    .migrate(true)
                    .cleanupInterval(null)
                    .build();
            SimulatedProvider.createTables(suiteDb);
            // a front end: registers and cancels, never sends
            Msgsvc frontEnd = Msgsvc.builder()
                    .storage(storage)
                    .roles(Role.RELAY, Role.STATUS, Role.BILLING, Role.STATISTICS, Role.DASHBOARD)
                    .build();
            List<Reservation> reservations = register(frontEnd);

            List<Process> nodes = new ArrayList<>();
            int started = 0;
            for (; started < NODES; started++) {
                nodes.add(startNode(db.url(), started));
            }
            // the chaos is timed from here: starting the database and registering take longer on a busy machine
            long chaosBegan = System.nanoTime();
            int kills = 0;
            int cancels = 0;
            boolean databaseCrashed = false;
            while (!settled(suiteDb)) {
                assertThat(System.nanoTime() - began)
                        .as("settled within %s (seed %d)", GIVE_UP_AFTER, seed)
                        .isLessThan(GIVE_UP_AFTER.toNanos());
                TimeUnit.MILLISECONDS.sleep(400 + random.nextInt(1200)); // the pace of the chaos
                if (System.nanoTime() - chaosBegan > DUE_OVER.toNanos() + TimeUnit.SECONDS.toNanos(10)) {
                    continue; // the chaos is over: let the survivors finish
                }
                int victim = random.nextInt(nodes.size());
                nodes.get(victim).destroyForcibly().waitFor();
                nodes.set(victim, startNode(db.url(), started++));
                kills++;
                if (!databaseCrashed && System.nanoTime() - chaosBegan > DUE_OVER.toNanos() / 2) {
                    db.crashAndRestart();
                    databaseCrashed = true;
                }
                if (random.nextInt(3) == 0 && cancel(frontEnd, dueBy(reservations, Instant.now(), random))) {
                    cancels++;
                }
            }
            for (Process node : nodes) {
                node.destroyForcibly().waitFor();
            }

            Figures figures = check(suiteDb);
            System.out.printf(
                    "crash suite (seed %d): %d reservations, %d deliveries, %d engines started, %d killed with"
                            + " SIGKILL, database crashed and restarted %d time(s), %d cancels asked during"
                            + " sending; gateway calls %d, messages accepted %d, sends repeated after a crash %d (at most %d in one"
                            + " reservation);"
                            + " %d sent, %d failed, %d cancelled; %.0f s%n",
                    seed,
                    RESERVATIONS,
                    RESERVATIONS * RECIPIENTS,
                    started,
                    kills,
                    databaseCrashed ? 1 : 0,
                    cancels,
                    figures.calls,
                    figures.accepted,
                    figures.repeatedAccepted,
                    figures.mostRepeatedInOne,
                    figures.sent,
                    figures.failed,
                    figures.cancelled,
                    (System.nanoTime() - began) / 1e9);
            assertThat(kills).isGreaterThanOrEqualTo(20);
            assertThat(databaseCrashed).isTrue();
        }
    }

    private static List<Reservation> register(Msgsvc frontEnd) {
        Instant first = Instant.now().plusSeconds(1);
        List<Reservation> reservations = new ArrayList<>();
        for (int r = 0; r < RESERVATIONS; r++) {
            int n = r;
            reservations.add(frontEnd.reserve(ReservationRequest.builder()
                    .customerId("customer-" + r % 4)
                    .text("Sale " + r)
                    .recipients(IntStream.range(0, RECIPIENTS)
                            .mapToObj(i -> "+82-10-" + n + "-" + i)
                            .toList())
                    .sendAt(first.plus(DUE_OVER.multipliedBy(r).dividedBy(RESERVATIONS)))
                    .build()));
        }
        return reservations;
    }

    /** One of the reservations due by now, most likely being sent. */
    private static Reservation dueBy(List<Reservation> reservations, Instant now, Random random) {
        List<Reservation> due =
                reservations.stream().filter(r -> r.sendAt().isBefore(now)).toList();
        return due.isEmpty() ? reservations.get(0) : due.get(due.size() - 1 - random.nextInt(Math.min(5, due.size())));
    }

    /** A cancel through the front end; false when it could not be asked (ended already, database down). */
    private static boolean cancel(Msgsvc frontEnd, Reservation r) {
        try {
            frontEnd.cancel(r.customerId(), r.id());
            return true;
        } catch (MsgsvcException | DataAccessException e) {
            return false;
        }
    }

    private Process startNode(String url, int n) throws Exception {
        return Jvms.start(work.resolve("node-" + n + ".log"), CrashNode.class, url, "node-" + n);
    }

    /** Every reservation ended, its events projected, nothing left in the outbox. */
    private static boolean settled(DataSource db) {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select"
                        + " (select count(*) from msgsvc_reservation where phase < 2"
                        + "   or status in ('SCHEDULED', 'DISPATCHING')),"
                        + " (select count(*) from msgsvc_outbox where published_at is null)")) {
            rs.next();
            return rs.getLong(1) == 0 && rs.getLong(2) == 0;
        } catch (SQLException e) {
            return false; // the database is restarting
        }
    }

    record Figures(
            long calls,
            long accepted,
            long repeatedAccepted,
            long mostRepeatedInOne,
            long sent,
            long failed,
            long cancelled) {}

    /** The invariants, each a query that counts what breaks it. */
    private static Figures check(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from msgsvc_delivery where state = " + PENDING))
                    .as("every delivery reached a final state")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from crash_provider_message m join msgsvc_delivery d"
                                    + " on m.idempotency_key = d.reservation_id::text || '/' || d.seq where d.state <> "
                                    + SENT))
                    .as("no message the gateway accepted ended as not sent")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from msgsvc_delivery d where d.state = " + SENT
                                    + " and not exists (select 1 from crash_provider_message m"
                                    + " where m.idempotency_key = d.reservation_id::text || '/' || d.seq)"))
                    .as("every delivery recorded as sent is a message the gateway accepted")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from msgsvc_delivery d full join msgsvc_charge ch"
                                    + " on ch.reservation_id = d.reservation_id and ch.seq = d.seq"
                                    + " where (d.state = " + SENT + ") is distinct from (ch.seq is not null)"))
                    .as("charged exactly the sent deliveries, each once")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from (select r.customer_id,"
                                    + " count(*) filter (where d.state = " + SENT + ") as sent"
                                    + " from msgsvc_delivery d join msgsvc_reservation r on r.id = d.reservation_id"
                                    + " group by r.customer_id) x"
                                    + " where x.sent is distinct from (select sum(charges) from msgsvc_billing_total b"
                                    + " where b.customer_id = x.customer_id)"))
                    .as("billing totals = charges")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from (select r.customer_id, count(distinct r.id) as reservations,"
                                    + " count(*) filter (where d.state = 1) as sent, count(*) filter (where d.state = 2) as failed,"
                                    + " count(*) filter (where d.state = 3) as cancelled"
                                    + " from msgsvc_delivery d join msgsvc_reservation r on r.id = d.reservation_id"
                                    + " group by r.customer_id) x join (select customer_id, sum(reservations) as reservations,"
                                    + " sum(sent) as sent, sum(failed) as failed, sum(rejected + cancelled) as cancelled"
                                    + " from msgsvc_statistics group by customer_id) st on st.customer_id = x.customer_id"
                                    + " where (x.reservations, x.sent, x.failed, x.cancelled)"
                                    + " is distinct from (st.reservations, st.sent, st.failed, st.cancelled)"))
                    .as("statistics = final states, each once")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from msgsvc_reservation r join msgsvc_dashboard b"
                                    + " on b.reservation_id = r.id join (select reservation_id,"
                                    + " count(*) filter (where state = 1) as sent, count(*) filter (where state = 2) as failed,"
                                    + " count(*) filter (where state = 3) as cancelled from msgsvc_delivery"
                                    + " group by reservation_id) d on d.reservation_id = r.id"
                                    + " where (r.sent_count, r.failed_count, r.cancelled_count) is distinct from"
                                    + " (d.sent, d.failed, d.cancelled)"
                                    + " or (b.sent, b.failed, b.cancelled) is distinct from (d.sent, d.failed, d.cancelled)"
                                    + " or b.status is distinct from r.status"))
                    .as("status and dashboard = the deliveries")
                    .isZero();
            GatewayLog gateway = new GatewayLog(db);
            assertThat(gateway.calledOutOfListOrder())
                    .as("recipients first called in list order")
                    .isZero();
            assertThat(gateway.callsWithAForeignKey())
                    .as("every send, repeated or not, carries its delivery's key")
                    .isZero();
            assertThat(count(
                            s,
                            "select count(*) from crash_provider_call c join msgsvc_reservation r"
                                    + " on r.id = c.reservation_id where c.seq > r.issued_through"))
                    .as("no delivery called before the issue mark covered it")
                    .isZero();
            // the stated bound: each sender of a reservation that was lost (killed, or cut off by the database
            // crash) leaves at most its sends in flight (the send window) and its unwritten results (at most
            // resultBatchSize) to be sent again
            String repeatsAndSenders = "select c.reservation_id, count(distinct c.node) as senders,"
                    + " (select count(*) - count(distinct a.idempotency_key) from crash_provider_call a"
                    + " where a.reservation_id = c.reservation_id and a.outcome = 'accepted') as repeats"
                    + " from crash_provider_call c group by c.reservation_id";
            assertThat(count(
                            s,
                            "select count(*) from (" + repeatsAndSenders + ") x"
                                    + " where x.repeats > (x.senders + 1) * "
                                    + (CrashNode.RESULT_BATCH + CrashNode.SEND_WINDOW)))
                    .as("no reservation sent again more than a window per lost sender")
                    .isZero();
            return new Figures(
                    gateway.calls(),
                    gateway.accepted(),
                    gateway.repeatedAccepted(),
                    count(s, "select coalesce(max(repeats), 0) from (" + repeatsAndSenders + ") x"),
                    count(s, "select count(*) from msgsvc_delivery where state = 1"),
                    count(s, "select count(*) from msgsvc_delivery where state = 2"),
                    count(s, "select count(*) from msgsvc_delivery where state = 3"));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
