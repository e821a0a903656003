package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.ResultAck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The customer's pause, resume and reschedule as the {@link io.msgsvc.spi.DispatchQueue} keeps them. Part of
 * {@link StorageContract}.
 */
public interface PauseQueueContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    /** A paused reservation is neither due nor claimed; resumed, it is due now if its send time passed. */
    @Test
    default void aPausedReservationIsNeitherDueNorClaimedUntilResumed() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now().minusSeconds(1), "+1");
        s.register(r);

        assertThat(s.pause(r.id())).isEqualTo(PauseOutcome.PAUSED);
        assertThat(s.pause(r.id())).isEqualTo(PauseOutcome.ALREADY_PAUSED);
        assertThat(s.queue.nextDueAt()).isEmpty();
        assertThat(s.claim(10, "node-a", StorageDriver.LONG_LEASE, Set.of())).isEmpty();

        assertThat(s.resume(r.id())).isEqualTo(ResumeOutcome.RESUMED);
        assertThat(s.resume(r.id())).isEqualTo(ResumeOutcome.NOT_PAUSED);
        assertThat(s.claimOne("node-a", StorageDriver.LONG_LEASE).started()).isFalse();
        List<ReservationEvent> events = s.drainOutbox();
        assertThat(events)
                .extracting(ReservationEvent::type)
                .containsExactly("Reserved", "ReservationPaused", "ReservationResumed");
        ReservationEvent.ReservationResumed resumed = (ReservationEvent.ReservationResumed) events.get(2);
        assertThat(resumed.dispatchStarted()).isFalse();
        assertThat(resumed.dueAt()).as("its send time passed: due now").isAfter(r.sendAt());
    }

    /**
     * A pause asked of a leased reservation stops its sender; the next sender after the resume starts from the mark the
     * pause left.
     */
    @Test
    default void aPauseStopsTheMarkAndTheReleasedLeaseKeepsItForTheResume() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1", "+2", "+3", "+4");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", StorageDriver.now());
        assertThat(s.startDispatch(r.id(), "node-a", started, 1)).isTrue();

        assertThat(s.pause(r.id())).as("node-a holds it").isEqualTo(PauseOutcome.PAUSE_REQUESTED);
        ResultAck ack = s.record("node-a", r.id(), List.of(s.sent(r.id(), "acme", 0)), 3);
        assertThat(ack.pauseRequested()).isTrue();
        assertThat(ack.cancelRequested()).isFalse();
        assertThat(ack.recorded()).as("results are still recorded").isEqualTo(1);
        s.releaseLease(r.id(), "node-a", 1);
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())).isEmpty();

        assertThat(s.resume(r.id())).isEqualTo(ResumeOutcome.RESUMED);
        ClaimedReservation next = s.claimOne("node-b", StorageDriver.LONG_LEASE);
        assertThat(next.started()).isTrue();
        assertThat(next.issuedThrough())
                .as("the mark stayed where the pause found it")
                .isEqualTo(1);
        assertThat(s.record("node-b", r.id(), List.of(), 3).pauseRequested()).isFalse();
        assertThat(s.drainOutbox())
                .filteredOn(e -> e instanceof ReservationEvent.ReservationResumed)
                .singleElement()
                .satisfies(e -> assertThat(((ReservationEvent.ReservationResumed) e).dispatchStarted())
                        .isTrue());
    }

    /** A reservation paused after its claim does not start its dispatch. */
    @Test
    default void aReservationPausedBetweenItsClaimAndItsStartDoesNotStart() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        s.pause(r.id());

        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", StorageDriver.now());
        assertThat(s.startDispatch(r.id(), "node-a", started, 0)).isFalse();
    }

    /** A cancel overrides a pause, refuses a later one, and reaches the next sender. */
    @Test
    default void aCancelEndsAPauseSoTheNextSenderCarriesItOut() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        assertThat(s.pause(r.id())).isEqualTo(PauseOutcome.PAUSE_REQUESTED);

        assertThat(s.cancel(r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        assertThatThrownBy(() -> s.pause(r.id()))
                .isInstanceOf(ReservationNotChangeableException.class)
                .hasMessageContaining("being cancelled");
        s.releaseLease(r.id(), "node-a");
        assertThat(s.claimOne("node-b", StorageDriver.LONG_LEASE).cancelRequested())
                .isTrue();
    }

    /** A reschedule moves the send time before sending has begun or while paused, never after the reservation ended. */
    @Test
    default void aRescheduleMovesTheSendTimeOnlyBeforeSendingOrWhilePaused() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now().plus(Duration.ofHours(1)), "+0");
        s.register(r);
        Instant later = StorageDriver.now().plus(Duration.ofHours(3));

        assertThat(s.reschedule(r.id(), later)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        assertThat(s.reschedule(r.id(), later)).isEqualTo(RescheduleOutcome.UNCHANGED);
        assertThat(s.registrations.find(r.id()).orElseThrow().sendAt()).isEqualTo(later);
        assertThat(s.queue.nextDueAt()).hasValue(later);

        Instant now = StorageDriver.now().minusSeconds(1);
        assertThat(s.reschedule(r.id(), now)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        assertThatThrownBy(() -> s.reschedule(r.id(), later))
                .isInstanceOf(ReservationNotChangeableException.class)
                .hasMessageContaining("sending has begun");
        s.pause(r.id());
        assertThat(s.reschedule(r.id(), later)).as("paused").isEqualTo(RescheduleOutcome.RESCHEDULED);
        s.releaseLease(r.id(), "node-a");
        s.resume(r.id());
        assertThat(s.queue.nextDueAt()).as("due at its new send time").hasValue(later);

        s.write(tx -> s.queue.requestCancel(tx, r.id(), Instant.now(), Closing.cancelled(StorageDriver.now())));
        assertThatThrownBy(() -> s.reschedule(r.id(), later))
                .isInstanceOf(ReservationNotChangeableException.class)
                .hasMessageContaining("has ended");
        assertThatThrownBy(() -> s.resume(r.id()))
                .isInstanceOf(ReservationNotChangeableException.class)
                .hasMessageContaining("has ended");
        assertThat(s.drainOutbox())
                .filteredOn(e -> e instanceof ReservationEvent.ReservationRescheduled)
                .hasSize(3);
    }

    /** A pause and resume keep the retry time a deferred delivery had. */
    @Test
    default void aResumeKeepsTheRetryTimeADeferralSet() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now().minusSeconds(1), "+0", "+1");
        s.register(r);
        s.claimOne("node-a", StorageDriver.LONG_LEASE);
        Instant retryAt = StorageDriver.now().plus(Duration.ofHours(1));
        assertThat(s.defer(new io.msgsvc.api.DeliveryId(r.id(), 0), "node-a", 1, "gateway down", retryAt))
                .isTrue();

        assertThat(s.pause(r.id())).isEqualTo(PauseOutcome.PAUSED);
        assertThat(s.resume(r.id())).isEqualTo(ResumeOutcome.RESUMED);

        assertThat(s.queue.nextDueAt()).as("the backoff still holds").contains(retryAt);
        assertThat(s.claim(10, "node-b", StorageDriver.LONG_LEASE, Set.of())).isEmpty();
    }
}
