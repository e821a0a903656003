package io.msgsvc.spring.boot.sample;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.spring.boot.MsgsvcTransactions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The application's own data (orders) and a text message per order, in one transaction. */
@Service
public class OrderService {
    public static final String CUSTOMER = "shop";

    private final JdbcTemplate jdbc;
    private final MsgsvcTransactions transactions;
    private final Msgsvc msgsvc;

    OrderService(JdbcTemplate jdbc, MsgsvcTransactions transactions, Msgsvc msgsvc) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.msgsvc = msgsvc;
        jdbc.execute("create table if not exists shop_order (id int primary key, recipient varchar(40))");
    }

    /** Stores the order and registers its message: both commit, or neither. */
    @Transactional
    public Reservation placeOrder(int id, String recipient) {
        jdbc.update("insert into shop_order (id, recipient) values (?, ?)", id, recipient);
        return transactions.reserve(message(id, recipient));
    }

    /** Stores the order and registers its message, then fails: the transaction rolls back, taking both. */
    @Transactional
    public Reservation placeOrderThenFail(int id, String recipient) {
        placeOrder(id, recipient);
        throw new IllegalStateException("payment declined for order " + id);
    }

    /**
     * Stores the order; the message work fails after registering and the order is kept all the same: what the
     * failed work wrote is undone, the rest of the transaction commits.
     */
    @Transactional
    public void placeOrderWhoseMessageFails(int id, String recipient) {
        jdbc.update("insert into shop_order (id, recipient) values (?, ?)", id, recipient);
        try {
            transactions.inHostTransaction(() -> {
                msgsvc.reserve(message(id, recipient));
                throw new IllegalStateException("the message for order " + id + " failed after registering");
            });
        } catch (IllegalStateException expected) {
            // the order goes on without its message
        }
    }

    /** Whether {@link MsgsvcTransactions} would join the current transaction, asked inside one. */
    @Transactional
    public boolean joinsInsideATransaction() {
        return transactions.joinsHostTransaction();
    }

    public int orders() {
        Integer count = jdbc.queryForObject("select count(*) from shop_order", Integer.class);
        return count == null ? 0 : count;
    }

    private static ReservationRequest message(int id, String recipient) {
        return ReservationRequest.builder()
                .customerId(CUSTOMER)
                .text("Order " + id + " confirmed")
                .recipients(recipient)
                .idempotencyKey("order-" + id)
                .build();
    }
}
