package io.msgsvc.spring.boot.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.spring.boot.MsgsvcTransactions;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The starter in a Spring Boot application: the engine on the application's DataSource, its registrations inside the
 * application's {@code @Transactional} methods, its health in the health endpoint.
 */
@SpringBootTest(
        classes = StarterTestApplication.class,
        properties = {"msgsvc.jdbc.migrate=true", "msgsvc.poll-interval=100ms"})
class MsgsvcStarterApplicationTest {
    @Autowired
    OrderService orders;

    @Autowired
    RecordingChannel channel;

    @Autowired
    Msgsvc msgsvc;

    @Autowired
    MsgsvcTransactions transactions;

    @Autowired
    JdbcStorage storage;

    @Autowired
    DataSource dataSource;

    @Autowired
    HealthEndpoint health;

    @Test
    void theEngineRunsOnTheApplicationsDataSource() {
        assertThat(msgsvc.isRunning()).isTrue();
        assertThat(storage.dialect()).isEqualTo("H2");
        assertThat(dataSource.getClass().getName()).isEqualTo("com.zaxxer.hikari.HikariDataSource");
    }

    @Test
    void aRolledBackTransactionStoresAndSendsNothing() {
        assertThatThrownBy(() -> orders.placeOrderThenFail(1, "+100"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payment declined");

        assertThat(orderCount(1)).isZero();
        assertThat(reservationsOf("order-1")).isZero();
        // a later order goes out; the rolled-back one never existed, so it never goes with it
        Reservation later = orders.placeOrder(11, "+111");
        awaitCompleted(later);
        assertThat(channel.recipients()).contains("+111").doesNotContain("+100");
    }

    @Test
    void aCommittedTransactionSendsThroughTheChannel() {
        Reservation r = orders.placeOrder(2, "+200");

        assertThat(orderCount(2)).isEqualTo(1);
        awaitCompleted(r);
        assertThat(channel.recipients()).containsOnlyOnce("+200");
    }

    @Test
    void failedMessageWorkIsUndoneWhileTheApplicationsTransactionCommits() {
        orders.placeOrderWhoseMessageFails(3, "+300");

        assertThat(orderCount(3)).isEqualTo(1);
        assertThat(reservationsOf("order-3")).isZero();
    }

    @Test
    void joinsOnlyInsideATransaction() {
        assertThat(transactions.joinsHostTransaction()).isFalse();
        assertThat(orders.joinsInsideATransaction()).isTrue();
    }

    @Test
    void outsideATransactionMsgsvcCommitsOnItsOwn() {
        Reservation r = transactions.reserve(io.msgsvc.api.ReservationRequest.builder()
                .customerId(OrderService.CUSTOMER)
                .text("no transaction")
                .recipients("+400")
                .build());

        awaitCompleted(r);
        assertThat(channel.recipients()).contains("+400");
    }

    @Test
    void healthShowsTheEngineUp() {
        assertThat(health.healthForPath("msgsvc").getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private void awaitCompleted(Reservation r) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> msgsvc.reservation(OrderService.CUSTOMER, r.id())
                                .reservation()
                                .status()
                        == ReservationStatus.COMPLETED);
    }

    private int orderCount(int id) {
        return countWhere("select count(*) from shop_order where id = " + id);
    }

    /** Reservations stored under the idempotency key; read from the table, past any cache. */
    private int reservationsOf(String idempotencyKey) {
        return msgsvc.reservations(OrderService.CUSTOMER, PageRequest.of(0, 100)).items().stream()
                .filter(r -> idempotencyKey.equals(r.idempotencyKey()))
                .toList()
                .size();
    }

    private int countWhere(String sql) {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
