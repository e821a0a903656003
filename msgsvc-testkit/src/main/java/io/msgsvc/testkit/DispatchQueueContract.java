package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.ResultAck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Claims, leases, results, closes and cancels: {@link io.msgsvc.spi.DispatchQueue}. Part of {@link StorageContract}. */
public interface DispatchQueueContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    /** Only a due reservation is claimed, and no other node claims it until its lease expires. */
    @Test
    default void onlyDueReservationsAreClaimedAndALeaseIsExclusiveUntilItExpires() {
        StorageDriver s = store();
        NewReservation due = s.reservation("acme", null, StorageDriver.now().minusSeconds(1), "+1");
        NewReservation later = s.reservation("acme", null, StorageDriver.now().plus(Duration.ofHours(1)), "+1");
        s.register(due);
        s.register(later);

        assertThat(s.queue.nextDueAt()).hasValueSatisfying(t -> assertThat(t).isBeforeOrEqualTo(Instant.now()));
        ClaimedReservation claimed = s.claimOne("node-a", Duration.ofMillis(300));
        assertThat(claimed.id()).isEqualTo(due.id());
        assertThat(claimed.started()).isFalse();
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())).isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())
                        .isEmpty());
        assertThat(s.renew(due.id(), "node-a", StorageDriver.LONG_LEASE))
                .as("node-a lost it")
                .isFalse();
        assertThat(s.renew(due.id(), "node-b", StorageDriver.LONG_LEASE)).isTrue();
    }

    /** A claim skips the reservations its node says it is still sending. */
    @Test
    default void busyReservationsAreNotClaimedAgainByTheirSender() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now().minusSeconds(1), "+1");
        s.register(r);
        assertThat(s.claim(10, "node-a", StorageDriver.LONG_LEASE, Set.of(r.id())))
                .isEmpty();
        assertThat(s.claim(10, "node-a", StorageDriver.LONG_LEASE, Set.of())).hasSize(1);
    }

    /** Only the lease holder starts a dispatch, once, and a later claim sees it started. */
    @Test
    default void dispatchStartsOnceAndOnlyForTheLeaseHolder() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", StorageDriver.now());

        assertThat(s.startDispatch(r.id(), "node-b", started)).isFalse();
        assertThat(s.startDispatch(r.id(), "node-a", started)).isTrue();
        assertThat(s.startDispatch(r.id(), "node-a", started)).isFalse();
        s.releaseLease(r.id(), "node-a");
        assertThat(s.claimOne("node-b", StorageDriver.LONG_LEASE).started()).isTrue();
        assertThat(s.drainOutbox()).extracting(ReservationEvent::type).containsExactly("Reserved", "DispatchStarted");
    }

    /** A delivery's result is recorded once, with one {@code MsgSent} event, however often it is given. */
    @Test
    default void aResultIsRecordedOnceWithItsEvent() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        s.drainOutbox();

        ResultAck first = s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0), s.sent(r.id(), "acme", 1)));
        ResultAck repeat = s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 1), s.sent(r.id(), "acme", 2)));

        assertThat(first.recorded()).isEqualTo(2);
        assertThat(repeat.recorded()).as("delivery 1 already had its result").isEqualTo(1);
        assertThat(s.registrations.deliveries(r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
        assertThat(s.registrations.deliveries(r.id(), 0, 10))
                .extracting(Delivery::detail)
                .containsExactly("ref-0", "ref-1", "ref-2");
        assertThat(s.drainOutbox())
                .extracting(e -> ((MsgSent) e).deliveryId().sequence())
                .containsExactly(0, 1, 2);
        assertThat(s.queue.pendingDeliveries(r.id(), 0, 10)).isEmpty();
    }

    /** Only the lease holder defers a delivery; the lease is released and the reservation is due at the retry time. */
    @Test
    default void aDeferredDeliveryMakesTheReservationDueAgainAndReleasesTheLease() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        Instant retryAt = StorageDriver.now().plus(Duration.ofHours(1));

        assertThat(s.defer(new DeliveryId(r.id(), 0), "node-b", 1, "busy", retryAt))
                .isFalse();
        assertThat(s.defer(new DeliveryId(r.id(), 0), "node-a", 1, "busy", retryAt))
                .isTrue();

        Delivery first = s.queue.pendingDeliveries(r.id(), 0, 1).get(0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.detail()).isEqualTo("busy");
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())).isEmpty();
        assertThat(s.queue.nextDueAt()).hasValueSatisfying(t -> assertThat(t).isAfter(Instant.now()));
    }

    /** Closing cancels the pending deliveries, once, and the event carries the counts after the close. */
    @Test
    default void closingCancelsWhatIsPendingAndWritesTheEventFromTheFinalCounts() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0)));
        s.drainOutbox();

        Optional<CloseSummary> summary =
                s.write(tx -> s.queue.close(tx, r.id(), "node-a", Closing.rejected(StorageDriver.now(), "too long")));
        Optional<CloseSummary> again =
                s.write(tx -> s.queue.close(tx, r.id(), "node-a", Closing.completed(StorageDriver.now())));

        assertThat(summary).contains(new CloseSummary(3, 1, 0, 2));
        assertThat(again).isEmpty();
        assertThat(s.registrations.deliveries(r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.CANCELLED, DeliveryState.CANCELLED);
        assertThat(s.registrations.deliveries(r.id(), 1, 1).get(0).detail()).isEqualTo("rejected: too long");
        assertThat(s.drainOutbox()).singleElement().isInstanceOfSatisfying(ReservationCompensated.class, e -> {
            assertThat(e.cancelledDeliveries()).as("from the final counts").isEqualTo(2);
            assertThat(e.reason()).isEqualTo("too long");
        });
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())).isEmpty();
    }

    /**
     * A cancel closes an unleased reservation at once and asks its sender to stop a leased one; unknown or closed
     * reservations are refused.
     */
    @Test
    default void cancelClosesAnIdleReservationAndFlagsALeasedOne() {
        StorageDriver s = store();
        NewReservation idle = s.reservation("acme", null, StorageDriver.now().plus(Duration.ofHours(1)), "+0", "+1");
        NewReservation busy = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(idle);
        s.register(busy);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);

        assertThat(s.cancel(idle.id())).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(s.cancel(busy.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        assertThat(s.record("node-a", busy.id(), List.of(s.sent(busy.id(), "acme", 0)))
                        .cancelRequested())
                .isTrue();
        assertThat(s.registrations.deliveries(idle.id(), 0, 10))
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.CANCELLED);
        assertThatThrownBy(() -> s.cancel(idle.id())).isInstanceOf(ReservationNotCancellableException.class);
        assertThatThrownBy(() -> s.cancel(ReservationId.random())).isInstanceOf(ReservationNotFoundException.class);
    }

    /** The mark of what was handed to the channel is taken only from the lease holder and reaches the next claim. */
    @Test
    default void theIssueMarkOnlyRisesWhileSendingAndReachesTheNextSender() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2", "+3", "+4", "+5");
        s.register(r);
        assertThat(s.claimOne("node-a", StorageDriver.LONG_LEASE).issuedThrough())
                .as("nothing handed to the channel yet")
                .isEqualTo(StorageDriver.NOTHING_ISSUED);
        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", StorageDriver.now());
        assertThat(s.startDispatch(r.id(), "node-a", started, 1)).isTrue();
        assertThat(s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0)), 0)
                        .recorded())
                .isEqualTo(1);
        assertThat(s.record("node-a", r.id(), List.of(), 4).recorded())
                .as("a mark alone")
                .isZero();
        s.releaseLease(r.id(), "node-b", 1);
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of()))
                .as("node-a still holds it; node-b released nothing")
                .isEmpty();

        s.releaseLease(r.id(), "node-a", 3);
        ResultAck stale = s.record("node-b", r.id(), List.of(s.sent(r.id(), "acme", 5)), 5);
        assertThat(stale.recorded())
                .as("a result says what the channel did, whoever sent it")
                .isEqualTo(1);
        assertThat(stale.leaseHeld())
                .as("node-b holds no lease: its mark is not taken")
                .isFalse();
        ClaimedReservation resumed = s.claimOne("node-b", StorageDriver.LONG_LEASE);
        assertThat(resumed.issuedThrough())
                .as("released with what node-a may have sent")
                .isEqualTo(3);
        assertThat(s.defer(new DeliveryId(r.id(), 1), "node-b", 1, "busy", StorageDriver.now(), 2))
                .isTrue();
        assertThat(s.claimOne("node-c", StorageDriver.LONG_LEASE).issuedThrough())
                .isEqualTo(2);
    }

    /** After a cancel is asked, the mark stays, and a deferral leaves the reservation due at once for the cancel. */
    @Test
    default void onceACancelIsAskedTheMarkNoLongerRisesAndADeferredDeliveryLeavesItDue() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2", "+3", "+4");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", StorageDriver.now());
        assertThat(s.startDispatch(r.id(), "node-a", started, 1)).isTrue();
        assertThat(s.cancel(r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);

        ResultAck ack = s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0)), 3);
        assertThat(ack.cancelRequested()).isTrue();
        assertThat(ack.leaseHeld()).isTrue();
        Instant inAnHour = StorageDriver.now().plus(Duration.ofHours(1));
        assertThat(s.defer(new DeliveryId(r.id(), 1), "node-a", 1, "busy", inAnHour, 1))
                .isTrue();

        ClaimedReservation next = s.claimOne("node-b", StorageDriver.LONG_LEASE);
        assertThat(next.cancelRequested())
                .as("due at once, not after the backoff")
                .isTrue();
        assertThat(next.issuedThrough())
                .as("the mark stayed where it was when the cancel was asked")
                .isEqualTo(1);
    }

    /**
     * A cancel is left to the next sender while a released lease's mark passes the stored results; otherwise it closes
     * at once.
     */
    @Test
    default void aCancelWaitsForTheNextSenderWhenAGoneSendersDeliveriesMayHaveReachedTheChannel() {
        StorageDriver s = store();
        NewReservation gone = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2", "+3");
        NewReservation settled = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(gone);
        s.register(settled);
        List<ClaimedReservation> both = s.claim(2, "node-a", StorageDriver.LONG_LEASE, Set.of());
        assertThat(both).hasSize(2);
        s.record("node-a", gone.id(), List.of(s.sent(gone.id(), "acme", 0)), 1);
        s.releaseLease(gone.id(), "node-a", 1); // delivery 1 may have been sent, without a stored result
        s.record("node-a", settled.id(), List.of(s.sent(settled.id(), "acme", 0)), 0);
        s.releaseLease(settled.id(), "node-a", 0);

        assertThat(s.cancel(gone.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        assertThat(s.registrations.deliveries(gone.id(), 0, 10))
                .extracting(Delivery::state)
                .as("nothing cancelled yet: delivery 1 may have reached its recipient")
                .containsExactly(
                        DeliveryState.SENT, DeliveryState.PENDING, DeliveryState.PENDING, DeliveryState.PENDING);
        ClaimedReservation next = s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of()).stream()
                .filter(c -> c.id().equals(gone.id()))
                .findFirst()
                .orElseThrow();
        assertThat(next.cancelRequested()).isTrue();
        assertThat(next.issuedThrough()).isEqualTo(1);

        s.releaseLease(settled.id(), "node-b", 0);
        assertThat(s.cancel(settled.id()))
                .as("everything that may have been sent has its result: closed at once")
                .isEqualTo(CancelOutcome.CANCELLED);
        assertThat(s.registrations.deliveries(settled.id(), 0, 10))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.CANCELLED);
    }
}
