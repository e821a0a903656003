package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.AppliedPositions;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The positions consumers applied per reservation on PostgreSQL, and what they rely on: one reservation's outbox
 * appends take turns, so its positions grow in the order the appends commit.
 */
class PostgresAppliedPositionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DataSource db = TestDatabases.postgres();
    private final JdbcStorage storage =
            JdbcStorage.builder(db).migrate(true).cleanupInterval(null).build();
    private final AppliedPositions positions = storage.appliedPositions().orElseThrow();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void release() throws Exception {
        workers.shutdownNow();
        TestStorages.release(storage);
        ((AutoCloseable) db).close();
    }

    @Test
    void eachConsumerKeepsTheHighestPositionItAppliedOfEachReservation() {
        ReservationId first = new ReservationId(UUID.randomUUID());
        ReservationId second = new ReservationId(UUID.randomUUID());

        assertThat(applied("status", first, second)).isEmpty();
        storage.inTransaction(tx -> {
            positions.lock(tx, "status", List.of(first));
            positions.advance(tx, "status", Map.of(first, 7L));
            return null;
        });

        assertThat(applied("status", first, second)).containsExactly(Map.entry(first, 7L));
        assertThat(applied("billing", first)).as("another consumer's own").isEmpty();
        assertThatThrownBy(() -> storage.inTransaction(tx -> {
                    positions.lock(tx, "status", List.of(first));
                    positions.advance(tx, "status", Map.of(first, 9L));
                    throw new IllegalStateException("the batch failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(applied("status", first)).as("rolled back with the batch").containsExactly(Map.entry(first, 7L));
    }

    @Test
    void aSecondConsumerOfTheSameNameWaitsForTheFirstAndReadsWhatItApplied() throws Exception {
        ReservationId id = new ReservationId(UUID.randomUUID());
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = workers.submit(() -> storage.inTransaction(tx -> {
            positions.lock(tx, "status", List.of(id)); // a reservation no one applied yet: nothing to lock but a row
            positions.advance(tx, "status", Map.of(id, 4L));
            locked.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        Future<Map<ReservationId, Long>> second = workers.submit(() -> applied("status", id));
        await().atMost(WAIT).until(() -> backendsWaitingOn("Lock") == 1);
        assertThat(second).isNotDone();

        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(Map.entry(id, 4L));
    }

    @Test
    void appendsOfOneReservationTakeTurnsSoItsPositionsFollowTheirCommits() throws Exception {
        ReservationId id = new ReservationId(UUID.randomUUID());
        ReservationEvent earlier = event(id);
        ReservationEvent later = event(id);
        ReservationEvent otherReservation = event(new ReservationId(UUID.randomUUID()));
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = workers.submit(() -> storage.inTransaction(tx -> {
            storage.outbox().append(tx, List.of(earlier));
            appended.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        storage.inTransaction(tx -> {
            storage.outbox().append(tx, List.of(otherReservation)); // another reservation does not wait
            return null;
        });
        Future<?> second = workers.submit(() -> storage.inTransaction(tx -> {
            storage.outbox().append(tx, List.of(later));
            return null;
        }));
        await().atMost(WAIT).until(() -> backendsWaitingOn("Lock") == 1);
        assertThat(second).isNotDone();

        release.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(position(earlier)).isLessThan(position(later));
    }

    @Test
    void anAppendTakesTheTurnOfEveryReservationWhateverTheConnectionsFetchSize() throws Exception {
        List<UUID> reservations = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (Connection c = db.getConnection()) {
            c.unwrap(org.postgresql.PGConnection.class).setDefaultFetchSize(1); // reads a result a row at a time
            c.setAutoCommit(false);
            JdbcAppliedPositions.takeTurn(c, reservations);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_locks"
                            + " where locktype = 'advisory' and pid = pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .isEqualTo(reservations.stream()
                                .map(UUID::hashCode)
                                .distinct()
                                .count());
            }
            c.rollback();
        }
    }

    @Test
    void aCleanUpThatMeetsAPositionInUseLeavesIt() throws Exception {
        JdbcStorage cleaning = JdbcStorage.builder(db)
                .retention(Duration.ofHours(1))
                .cleanupInterval(null)
                .build();
        ReservationId id = new ReservationId(UUID.randomUUID());
        storage.inTransaction(tx -> {
            positions.lock(tx, "status", List.of(id));
            positions.advance(tx, "status", Map.of(id, 3L));
            return null;
        });
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update msgsvc_applied_position set applied_at = applied_at - interval '2 hours'"
                    + " where reservation_id = '" + id.value() + "'");
        }
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> consumer = workers.submit(() -> storage.inTransaction(tx -> {
            assertThat(positions.lock(tx, "status", List.of(id))).containsExactly(Map.entry(id, 3L));
            positions.advance(tx, "status", Map.of(id, 5L));
            locked.countDown();
            awaitQuietly(release);
            return null;
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        Future<Integer> cleanUp = workers.submit(cleaning::cleanUp);
        await().atMost(WAIT).until(() -> backendsWaitingOn("Lock") == 1);

        release.countDown();
        consumer.get(30, TimeUnit.SECONDS);
        cleanUp.get(30, TimeUnit.SECONDS);
        assertThat(applied("status", id)).containsExactly(Map.entry(id, 5L));
        TestStorages.release(cleaning);
    }

    @Test
    void eventsAppliedByARecordOfTheirIdAreToldApart() {
        UUID withRecord = UUID.randomUUID();
        UUID notRecorded = UUID.randomUUID();
        ReservationId id = new ReservationId(UUID.randomUUID());
        storage.inTransaction(tx -> storage.statuses()
                .apply(
                        tx,
                        List.of(new ProgressUpdate(
                                withRecord,
                                new ProgressDelta(
                                        id, "acme", 0, 0, 0, 0, ReservationStatus.DISPATCHING, null, Instant.now()))),
                        Deduplication.REQUIRED));

        assertThat(recorded("status", Set.of(withRecord, notRecorded))).containsExactly(withRecord);
        assertThat(recorded("dashboard", Set.of(withRecord))).isEmpty();
    }

    private Map<ReservationId, Long> applied(String consumer, ReservationId... reservations) {
        return storage.inTransaction(tx -> positions.lock(tx, consumer, List.of(reservations)));
    }

    private Set<UUID> recorded(String consumer, Set<UUID> eventIds) {
        return storage.inTransaction(tx -> positions.appliedByRecord(tx, consumer, eventIds));
    }

    private static ReservationEvent event(ReservationId id) {
        return new DispatchStarted(UUID.randomUUID(), id, "acme", Instant.now());
    }

    private long position(ReservationEvent event) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select outbox_id from msgsvc_outbox where event_id = '" + event.eventId() + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** Backends of this database waiting for a lock (a row's, a transaction's or an advisory one). */
    private int backendsWaitingOn(String waitEventType) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = '" + waitEventType + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
