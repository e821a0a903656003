package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Registrations project their {@code Reserved} event inline, on the callers' threads, at the same time. On
 * MariaDB a locking read of a dashboard row not there yet locks the gap, and two such transactions deadlock on
 * their inserts. No deadlock, and each registration counted once.
 */
class MariaDbConcurrentRegistrationTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 8;

    @Test
    void concurrentRegistrationsAllSucceedAndEachIsProjectedOnce() throws Exception {
        DataSource db = database();
        JdbcStorage storage = TestStorages.on(db);
        long deadlocksBefore = deadlocks(db);
        ExecutorService callers = Executors.newFixedThreadPool(THREADS);
        try (Msgsvc msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .build()
                .start()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Reservation>>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(callers.submit(() -> {
                    start.await();
                    List<Reservation> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        mine.add(msgsvc.reserve(ReservationRequest.builder()
                                .customerId("acme")
                                .text("Hi")
                                .recipients("+" + thread + "-" + i)
                                .sendAt(Instant.now().plusSeconds(3600))
                                .build()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Reservation> all = new ArrayList<>();
            for (Future<List<Reservation>> f : done) {
                all.addAll(f.get());
            }

            assertThat(all).hasSize(THREADS * PER_THREAD);
            assertThat(msgsvc.dashboard("acme", PageRequest.of(0, 500)).totalItems())
                    .isEqualTo(THREADS * PER_THREAD);
            assertThat(msgsvc.statistics("acme", Instant.EPOCH, Instant.now().plusSeconds(86_400))
                            .totals()
                            .reservations())
                    .isEqualTo(THREADS * PER_THREAD);
            assertThat(deadlocks(db) - deadlocksBefore)
                    .as("deadlocks InnoDB reported")
                    .isZero();
        } finally {
            callers.shutdownNow();
            TestStorages.release(storage);
        }
    }

    DataSource database() {
        return TestDatabases.mariadb();
    }

    /** InnoDB's deadlock count so far (MariaDB has it as a status variable). */
    long deadlocks(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select variable_value from information_schema.global_status"
                        + " where variable_name = 'INNODB_DEADLOCKS'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
