package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.Charge;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Written;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link io.msgsvc.spi.Storage#inTransaction}: all or nothing, after-commit actions only on commit. Part of
 * {@link StorageContract}.
 */
public interface TransactionContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    /**
     * A failing transaction leaves no row, event or charge and runs no after-commit action; a committed one runs them
     * after the commit.
     */
    @Test
    default void aTransactionThatFailsLeavesNothingBehindAndRunsNoAfterCommitAction() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", "once", StorageDriver.now(), "+0", "+1");
        List<String> told = new ArrayList<>();
        assertThatThrownBy(() -> s.storage.inTransaction(tx -> {
                    tx.afterCommit(() -> told.add("committed"));
                    Reserved reserved =
                            new Reserved(UUID.randomUUID(), r.id(), "acme", StorageDriver.now(), 2, r.sendAt());
                    Written<Registration> written = s.registrations.register(tx, r, reserved);
                    s.storage.outbox().append(tx, written.events());
                    s.storage
                            .statuses()
                            .apply(
                                    tx,
                                    List.of(new ProgressUpdate(
                                            reserved.eventId(),
                                            ProgressDelta.of(reserved).orElseThrow())),
                                    Deduplication.REQUIRED);
                    s.charge(tx, new Charge(new DeliveryId(r.id(), 0), "acme", BigDecimal.ONE, StorageDriver.now()));
                    throw new IllegalStateException("the work fails after writing");
                }))
                .hasMessage("the work fails after writing");

        assertThat(told).isEmpty();
        assertThat(s.registrations.find(r.id())).isEmpty();
        assertThat(s.registrations.findByCustomer("acme", PageRequest.of(0, 10)).totalItems())
                .isZero();
        assertThat(s.queue.nextDueAt()).isEmpty();
        assertThat(s.drainOutbox()).isEmpty();
        assertThat(s.storage.billing().totals("acme").charges()).isZero();
        assertThat(s.storage.billing().charges(r.id())).isEmpty();
        // the same key registers afresh: nothing of the failed attempt holds it
        assertThat(s.register(r).created()).isTrue();
        int toldBeforeCommit = s.storage.inTransaction(tx -> {
            tx.afterCommit(() -> told.add("committed"));
            return told.size();
        });
        assertThat(toldBeforeCommit).as("actions wait for the commit").isZero();
        assertThat(told).containsExactly("committed");
    }

    /** A failing transaction restores the rows it changed that existed before: results, close and lease. */
    @Test
    default void aFailedTransactionRestoresWhatItChangedOnRowsThatExistedBefore() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        assertThatThrownBy(() -> s.storage.inTransaction(tx -> {
                    s.queue.recordResults(tx, r.id(), "node-a", List.of(s.sent(r.id(), "acme", 0)), 0);
                    s.queue.close(tx, r.id(), "node-a", Closing.completed(StorageDriver.now()));
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");

        assertThat(s.registrations.deliveries(r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.PENDING);
        assertThat(s.queue.pendingDeliveries(r.id(), 0, 10)).hasSize(2);
        assertThat(s.renew(r.id(), "node-a", StorageDriver.LONG_LEASE))
                .as("still leased, still open")
                .isTrue();
        assertThat(s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0)))
                        .recorded())
                .isEqualTo(1);
    }
}
