package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.testkit.RecordingChannel;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An engine that plays every role on the in-process transport projects each event in the transaction that writes
 * it: no outbox rows and no deduplication records; a projection that fails sends its events the outbox way.
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
    void projectionsCommitWithTheResultsAndLeaveNoOutboxRowsOrDeduplicationRecords() throws SQLException {
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
        // the status is a projection like the others: once it shows, everything that commits with it shows too
        assertThat(msgsvc.billing("acme").charges()).isEqualTo(3);
        assertThat(msgsvc.statistics("acme", Instant.EPOCH, Instant.now().plusSeconds(86_400))
                        .totals()
                        .sent())
                .isEqualTo(3);
        assertThat(msgsvc.dashboard("acme", r.id()).sent()).isEqualTo(3);
        assertThat(count("msgsvc_outbox")).isZero();
        assertThat(count("msgsvc_applied_event")).isZero();
    }

    @Test
    void aProjectionThatFailsLeavesItsEventsToTheOutboxAndNothingIsSentTwice() throws SQLException {
        AtomicBoolean pricingDown = new AtomicBoolean(true);
        RecordingChannel channel = new RecordingChannel();
        msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .pricing((customer, delivery, recipient) -> {
                    if (recipient.equals("+2") && pricingDown.get()) {
                        throw new IllegalStateException("price list unavailable");
                    }
                    return BigDecimal.ONE;
                })
                .resultBatchSize(1)
                .pollInterval(Duration.ofMillis(100))
                .build()
                .start();
        Reservation r = msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients("+1", "+2", "+3")
                .build());

        // every result is stored although +2 could not be priced: its events wait in the outbox
        await().until(() ->
                msgsvc.deliveries("acme", r.id(), 0, 3).stream().allMatch(d -> d.state() == DeliveryState.SENT));
        assertThat(msgsvc.charges("acme", r.id()))
                .extracting(c -> c.deliveryId().sequence())
                .containsExactly(0, 2);
        assertThat(count("msgsvc_outbox")).isPositive();

        pricingDown.set(false);
        // the relay projects them once pricing works again: each charge and count once
        await().atMost(Duration.ofSeconds(20))
                .until(() -> msgsvc.billing("acme").charges() == 3
                        && msgsvc.dashboard("acme", r.id()).sent() == 3);
        assertThat(msgsvc.charges("acme", r.id()))
                .extracting(Charge::deliveryId)
                .extracting(d -> d.sequence())
                .containsExactly(0, 1, 2);
        assertThat(msgsvc.statistics("acme", Instant.EPOCH, Instant.now().plusSeconds(86_400))
                        .totals()
                        .sent())
                .isEqualTo(3);
        assertThat(msgsvc.reservation("acme", r.id()).reservation().status()).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(channel.recipientsCalled(r.id()))
                .as("each recipient sent once")
                .containsExactly("+1", "+2", "+3");
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

        await().until(() -> heard.contains(5));
        assertThat(uncommitted).isEmpty();
        assertThat(msgsvc.dashboard("acme", r.id()).status()).isEqualTo(ReservationStatus.COMPLETED);
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
