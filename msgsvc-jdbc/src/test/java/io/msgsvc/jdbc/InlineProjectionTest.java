package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What inline projection leaves in the database (no outbox rows, no deduplication records) and what listeners may
 * see of it (committed rows only). The engine-level behaviour runs on every storage: {@code InlineProjectionContract}.
 */
class InlineProjectionTest {
    private final DataSource db = TestDatabases.postgres();
    private final JdbcStorage storage = TestStorages.on(db);
    private Msgsvc msgsvc;

    @AfterEach
    void close() {
        if (msgsvc != null) {
            msgsvc.close();
        }
        TestStorages.release(storage);
    }

    @Test
    void noOutboxRowAndNoDeduplicationRecordIsWritten() throws SQLException {
        msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .build()
                .start();
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients("+1", "+2", "+3")
                .build());

        await().until(() -> msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(msgsvc.billing("acme").charges()).isEqualTo(3);
        assertThat(count("msgsvc_outbox")).isZero();
        assertThat(count("msgsvc_applied_event")).isZero();
    }

    @Test
    void listenersHearOnlyWhatIsCommitted() {
        List<String> uncommitted = new CopyOnWriteArrayList<>();
        List<Integer> heard = new CopyOnWriteArrayList<>();
        msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .resultBatchSize(1)
                .dashboardListener(view -> {
                    // read on another connection: only committed rows are visible there
                    int committed = committedSent(view.reservationId().value());
                    if (committed < view.sent()) {
                        uncommitted.add(view.sent() + " told, " + committed + " committed");
                    }
                    heard.add(view.sent());
                })
                .build()
                .start();
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients("+1", "+2", "+3", "+4", "+5")
                .build());

        // the last result and the close are two transactions: the row is COMPLETED once the second commits
        await().until(() ->
                heard.contains(5) && msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
        assertThat(uncommitted).isEmpty();
    }

    private int committedSent(java.util.UUID reservationId) {
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("select sent from msgsvc_dashboard where reservation_id = ?")) {
            s.setObject(1, reservationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String table) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
