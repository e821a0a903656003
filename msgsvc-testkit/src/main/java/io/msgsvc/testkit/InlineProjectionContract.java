package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An engine that plays every role on the in-process transport projects each event in the transaction that writes
 * it, on every storage; a projection that fails there rolls back its attempt, and the change is written again with
 * its events through the outbox.
 */
public abstract class InlineProjectionContract extends EngineContract {

    private static int outboxSize(EngineFixture f) {
        return f.storage.inTransaction(tx -> f.storage.outbox().poll(tx, 1000)).size();
    }

    @Test
    void projectionsCommitWithTheirChangeAndLeaveTheOutboxEmpty() {
        EngineFixture f = engine();
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        // the status is a projection like the others: once it shows, everything that commits with it shows too
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(3);
        assertThat(f.msgsvc
                        .statistics("acme", Instant.EPOCH, Instant.MAX)
                        .totals()
                        .sent())
                .isEqualTo(3);
        assertThat(f.msgsvc.dashboard("acme", r.id()).sent()).isEqualTo(3);
        assertThat(outboxSize(f)).isZero();
    }

    @Test
    void aProjectionThatFailsLeavesItsEventsToTheOutboxAndNothingIsSentTwice() {
        AtomicBoolean pricingDown = new AtomicBoolean(true);
        EngineFixture f = engine(b -> b.pricing((customer, delivery, recipient) -> {
                    if (recipient.equals("+2") && pricingDown.get()) {
                        throw new IllegalStateException("price list unavailable");
                    }
                    return BigDecimal.ONE;
                })
                .resultBatchSize(1)
                .pollInterval(Duration.ofMillis(100)));
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());

        // every result is stored although +2 could not be priced: its events wait in the outbox
        await().atMost(WAIT)
                .until(() -> f.msgsvc.deliveries("acme", r.id(), 0, 3).stream()
                        .allMatch(d -> d.state() == DeliveryState.SENT));
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(c -> c.deliveryId().sequence())
                .containsExactly(0, 2);

        pricingDown.set(false);
        // the relay projects them once pricing works again: each charge and count once
        await().atMost(WAIT)
                .until(() -> f.msgsvc.billing("acme").charges() == 3
                        && f.msgsvc.dashboard("acme", r.id()).sent() == 3);
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(Charge::deliveryId)
                .extracting(d -> d.sequence())
                .containsExactly(0, 1, 2);
        assertThat(f.msgsvc
                        .statistics("acme", Instant.EPOCH, Instant.MAX)
                        .totals()
                        .sent())
                .isEqualTo(3);
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id()))
                .as("each recipient sent once")
                .containsExactly("+1", "+2", "+3");
    }
}
