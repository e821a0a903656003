package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cache, retention, migrations and events on the wire: the parts of JDBC storage beyond the store contract. */
class JdbcStorageFeaturesTest {

    @Test
    void aCachedRowChangedByAnotherNodeIsServedFreshAfterTheTtl() {
        DataSource db = TestDatabases.h2();
        JdbcStorage reader = JdbcStorage.builder(db)
                .migrate(true)
                .cacheTtl(Duration.ofMillis(300))
                .cleanupInterval(null)
                .build();
        JdbcStorage writer = JdbcStorage.builder(db).cleanupInterval(null).build();
        try (Msgsvc msgsvc =
                Msgsvc.builder().storage(writer).channel(new RecordingChannel()).build()) {
            Reservation r = msgsvc.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients("+1")
                    .sendAt(Instant.now().plusSeconds(3600))
                    .build());
            assertThat(reader.registrations().find(r.id()).orElseThrow().status())
                    .isEqualTo(ReservationStatus.SCHEDULED);

            applyStatus(
                    writer,
                    new ProgressDelta(r.id(), "acme", 0, 0, 0, 0, ReservationStatus.DISPATCHING, null, Instant.now()));

            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            reader.registrations().find(r.id()).orElseThrow().status()
                                    == ReservationStatus.DISPATCHING);
        } finally {
            reader.close();
            writer.close();
            TestStorages.release(reader);
        }
    }

    @Test
    void thisNodesProjectionsKeepItsCacheCurrentAtOnce() {
        JdbcStorage storage = JdbcStorage.builder(TestDatabases.h2())
                .migrate(true)
                .cacheTtl(Duration.ofHours(1))
                .cleanupInterval(null)
                .build();
        try {
            ReservationId id = ReservationId.random();
            applyDashboard(
                    storage,
                    new ProgressDelta(id, "acme", 3, 0, 0, 0, ReservationStatus.SCHEDULED, null, Instant.now()));
            assertThat(storage.dashboard().find(id).orElseThrow().sent()).isZero();
            applyDashboard(
                    storage,
                    new ProgressDelta(id, "acme", 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, Instant.now()));
            assertThat(storage.dashboard().find(id).orElseThrow().sent()).isEqualTo(1);
        } finally {
            TestStorages.release(storage);
        }
    }

    /**
     * On PostgreSQL too: its outbox indexes claimed rows only (an in-process transport's relay claims) and finds old
     * applied-event records through a block-range index.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void publishedOutboxRowsGoAtOnceAndRetentionDeletesOldAppliedEventRecords(String database) throws SQLException {
        DataSource db = database.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        JdbcStorage storage = JdbcStorage.builder(db)
                .migrate(true)
                .retention(Duration.ZERO)
                .cleanupInterval(null)
                .build();
        try (Msgsvc msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .inlineProjection(false)
                .build()
                .start()) {
            Reservation r = msgsvc.reserve(ReservationRequest.builder()
                    .customerId("acme")
                    .text("Hi")
                    .recipients("+1", "+2")
                    .build());
            await().until(() -> msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
            await().until(() -> count(db, "msgsvc_outbox") == 0); // deleted as they are published
            assertThat(count(db, "msgsvc_applied_event")).isPositive();

            await().until(() -> storage.cleanUp() >= 0
                    && count(db, "msgsvc_outbox") == 0
                    && count(db, "msgsvc_applied_event") == 0);
            assertThat(msgsvc.billing("acme").charges())
                    .as("projections themselves are kept")
                    .isEqualTo(2);
        } finally {
            TestStorages.release(storage);
        }
    }

    @Test
    void migrationIsRepeatableAndSitsBesideTheHostsOwnTables() throws SQLException {
        DataSource db = TestDatabases.postgres();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table host_customer (id int primary key)");
        }
        JdbcStorage first =
                JdbcStorage.builder(db).migrate(true).cleanupInterval(null).build();
        first.migrate(); // nothing left to apply
        assertThat(first.dialect()).isEqualTo("POSTGRES");
        assertThat(count(db, "host_customer")).isZero();
        assertThat(count(db, JdbcStorage.SCHEMA_HISTORY_TABLE)).isPositive();
        TestStorages.release(first);
    }

    @Test
    void aTransactionThatOutwaitsH2sLockTimeoutIsRunAgain() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        // H2 gives up on a lock after this long (2 s by default) with HYT00, before the holder may be done
        db.setURL("jdbc:h2:mem:lock-timeout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=1000");
        JdbcStorage storage =
                JdbcStorage.builder(db).migrate(true).cleanupInterval(null).build();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (Connection holder = db.getConnection();
                Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.executeQuery("select name from msgsvc_lock where name = 'outbox' for update")
                    .close();
            AtomicInteger attempts = new AtomicInteger();
            Future<Integer> polled = worker.submit(() -> storage.inTransaction(tx -> {
                attempts.incrementAndGet();
                return storage.outbox().poll(tx, 10).size(); // waits for the lock the holder keeps
            }));

            await().atMost(Duration.ofSeconds(20)).until(() -> attempts.get() >= 2 || polled.isDone());
            holder.commit();

            assertThat(polled.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
        } finally {
            worker.shutdownNow();
            storage.close();
        }
    }

    private static void applyStatus(JdbcStorage storage, ProgressDelta delta) {
        storage.inTransaction(tx -> storage.statuses()
                .apply(tx, List.of(new ProgressUpdate(UUID.randomUUID(), delta)), Deduplication.REQUIRED));
    }

    private static void applyDashboard(JdbcStorage storage, ProgressDelta delta) {
        storage.inTransaction(tx -> storage.dashboard()
                .apply(tx, List.of(new ProgressUpdate(UUID.randomUUID(), delta)), Deduplication.REQUIRED));
    }

    private static int count(DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
