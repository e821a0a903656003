package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.testkit.RecordingChannel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reservation registered inside the host's transaction commits or rolls back with the host's data. */
class HostTransactionTest {
    private final DataSource dataSource = TestDatabases.postgres();
    private final JdbcStorage storage = TestStorages.on(dataSource);
    private final RecordingChannel channel = new RecordingChannel();
    private final Msgsvc msgsvc =
            Msgsvc.builder().storage(storage).channel(channel).build().start();

    @AfterEach
    void close() {
        msgsvc.close();
        TestStorages.release(storage);
    }

    private static ReservationRequest request(String text) {
        return ReservationRequest.builder()
                .customerId("shop")
                .text(text)
                .recipients("+1")
                .build();
    }

    @Test
    void rolledBackWithTheHost() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            createOrders(c);
            c.setAutoCommit(false);
            insertOrder(c, 1);
            storage.inTransaction(c, () -> msgsvc.reserve(request("order 1")));
            c.rollback();
            assertThat(countOrders(c)).isZero();
        }
        assertThat(msgsvc.reservations("shop", PageRequest.of(0, 10)).totalItems())
                .isZero();
        assertThat(channel.calls()).isEmpty();
    }

    @Test
    void committedWithTheHostAndThenSent() throws SQLException {
        Reservation r;
        try (Connection c = dataSource.getConnection()) {
            createOrders(c);
            c.setAutoCommit(false);
            insertOrder(c, 2);
            r = storage.inTransaction(c, () -> msgsvc.reserve(request("order 2")));
            c.commit();
            assertThat(countOrders(c)).isEqualTo(1);
        }
        await().until(() -> msgsvc.reservation("shop", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(channel.recipientsCalled(r.id())).containsExactly("+1");
    }

    private static void createOrders(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists shop_order (id int primary key)");
        }
    }

    private static void insertOrder(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into shop_order values (" + id + ")");
        }
    }

    private static int countOrders(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from shop_order")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
