package io.msgsvc.testkit;

import static io.msgsvc.testkit.PauseChecks.assertRefused;
import static io.msgsvc.testkit.PauseChecks.awaitSentThrough;
import static io.msgsvc.testkit.PauseChecks.awaitToldOnce;
import static io.msgsvc.testkit.PauseChecks.eventsOf;
import static io.msgsvc.testkit.PauseChecks.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.ReservationPaused;
import io.msgsvc.api.ReservationEvent.ReservationRescheduled;
import io.msgsvc.api.ReservationEvent.ReservationResumed;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The customer's pause, resume and reschedule: before sending, during a pipelined dispatch (here or on another node),
 * idempotent, refused where they cannot apply with nothing changed, and each fact told once.
 */
public abstract class PauseContract extends EngineContract {
    private static final int WINDOW = 8;
    /** The call whose answer the gateway holds back until the test lets it go (the window is full behind it). */
    private static final int HELD = 10;

    private final SimulatedGateway gateway = new SimulatedGateway(Duration.ofMillis(2));
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeGateway() {
        release.countDown();
        gateway.close();
    }

    @Test
    void aScheduledReservationIsPausedRescheduledWhilePausedAndResumed() {
        EngineFixture f = engine();
        Instant t0 = f.clock.instant();
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                .sendAt(t0.plus(Duration.ofHours(1)))
                .build());

        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.PAUSED);
        f.clock.advance(Duration.ofHours(2)); // its send time passes while paused
        assertNothingMoreSentTo(f, r.id(), 0);

        Instant later = t0.plus(Duration.ofHours(5));
        assertThat(f.msgsvc.reschedule("acme", r.id(), later)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                        .reservation("acme", r.id())
                        .reservation()
                        .sendAt()
                        .equals(later));
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status()).isEqualTo(ReservationStatus.PAUSED);

        assertThat(f.msgsvc.resume("acme", r.id())).isEqualTo(ResumeOutcome.RESUMED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.SCHEDULED); // the new send time is still ahead
        assertNothingMoreSentTo(f, r.id(), 0);

        f.clock.advance(Duration.ofHours(3));
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");
        awaitToldOnce(f, r.id(), ReservationPaused.class, ReservationRescheduled.class, ReservationResumed.class);
        ReservationResumed resumed = f.eventsOf(ReservationResumed.class).get(0);
        assertThat(resumed.dueAt()).isEqualTo(later);
        assertThat(resumed.dispatchStarted()).isFalse();
        ReservationRescheduled moved = f.eventsOf(ReservationRescheduled.class).get(0);
        assertThat(moved.previousSendAt()).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(moved.sendAt()).isEqualTo(later);
    }

    @Test
    void aScheduledReservationIsRescheduledAndAnInvalidTimeIsRefusedNamingSendAt() {
        EngineFixture f = engine();
        Instant t0 = f.clock.instant();
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                .sendAt(t0.plus(Duration.ofHours(1)))
                .build());
        Instant later = t0.plus(Duration.ofHours(3));

        assertThatThrownBy(() -> f.msgsvc.reschedule("acme", r.id(), null))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("sendAt"));
        assertThatThrownBy(() -> f.msgsvc.reschedule("acme", r.id(), Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("sendAt"));
        assertThat(f.msgsvc.reschedule("acme", r.id(), later)).isEqualTo(RescheduleOutcome.RESCHEDULED);
        assertThat(f.msgsvc.reschedule("acme", r.id(), later)).isEqualTo(RescheduleOutcome.UNCHANGED);

        f.clock.advance(Duration.ofHours(2)); // the old send time passes
        assertNothingMoreSentTo(f, r.id(), 0);
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status()).isEqualTo(ReservationStatus.SCHEDULED);
        f.clock.advance(Duration.ofHours(1));
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1");
        awaitToldOnce(f, r.id(), ReservationRescheduled.class);
    }

    @Test
    void aPauseDuringAPipelinedDispatchStopsBeforeTheNextIssueAndResumeSendsTheRestInOrder() {
        EngineFixture f = pipelined();
        Reservation r = reserveHeld(f, 60);

        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSE_REQUESTED);
        release.countDown();
        int issued = HELD + WINDOW;
        awaitSentThrough(f, r.id(), issued);
        awaitStatus(f, "acme", r.id(), ReservationStatus.PAUSED);
        assertNothingMoreSentTo(f, r.id(), issued);
        assertThat(gateway.sequencesCalled(r.id()))
                .as("the calls in flight ended, nothing was issued after the pause")
                .isEqualTo(upTo(issued));
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == issued);

        assertThat(f.msgsvc.resume("acme", r.id())).isEqualTo(ResumeOutcome.RESUMED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertSentOnceInOrder(f, r.id(), 60);
        awaitToldOnce(f, r.id(), ReservationPaused.class, ReservationResumed.class);
        assertThat(f.eventsOf(ReservationResumed.class).get(0).dispatchStarted())
                .isTrue();
    }

    @Test
    void aPauseAskedOnAnotherNodeStopsTheNodeSendingItAndTheOtherNodeResumes() {
        EngineFixture f = pipelined();
        Msgsvc other = f.anotherNode(b -> b.nodeId("other").channel(gateway).sendWindow(WINDOW));
        // enough that the sender, told at a result write (every resultFlushInterval), cannot have issued them all
        int n = 600;
        Reservation r = reserveHeld(f, n);

        assertThat(other.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSE_REQUESTED);
        release.countDown();
        // told by NOTIFY (PostgreSQL) or at its next result write: it stops before its next issue
        await().atMost(WAIT).until(() -> {
            List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
            long sent = deliveries.stream()
                    .filter(d -> d.state() == DeliveryState.SENT)
                    .count();
            return sent == gateway.sequencesCalled(r.id()).size()
                    && f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.PAUSED;
        });
        int issued = gateway.sequencesCalled(r.id()).size();
        assertNothingMoreSentTo(f, r.id(), issued);
        assertThat(issued).as("stopped before the end").isLessThan(n);

        other.start();
        assertThat(other.resume("acme", r.id())).isEqualTo(ResumeOutcome.RESUMED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertSentOnceInOrder(f, r.id(), n);
    }

    @Test
    void pauseAndResumeAreIdempotent() {
        EngineFixture f = engine();
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                .sendAt(f.clock.instant().plus(Duration.ofHours(1)))
                .build());

        assertThat(f.msgsvc.resume("acme", r.id())).as("not paused").isEqualTo(ResumeOutcome.NOT_PAUSED);
        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSED);
        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.ALREADY_PAUSED);
        assertThat(f.msgsvc.resume("acme", r.id())).isEqualTo(ResumeOutcome.RESUMED);
        assertThat(f.msgsvc.resume("acme", r.id())).isEqualTo(ResumeOutcome.NOT_PAUSED);

        f.clock.advance(Duration.ofHours(1));
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        awaitToldOnce(f, r.id(), ReservationPaused.class, ReservationResumed.class);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1");
    }

    @Test
    void anEndedReservationIsNeitherPausedResumedNorRescheduledAndNothingChanges() {
        EngineFixture f = engine();
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        Reservation before = f.msgsvc.reservation("acme", r.id()).reservation();
        int eventsBefore = eventsOf(f, r.id()).size();

        assertRefused(() -> f.msgsvc.pause("acme", r.id()), "has ended", ReservationStatus.COMPLETED);
        assertRefused(() -> f.msgsvc.resume("acme", r.id()), "has ended", ReservationStatus.COMPLETED);
        assertRefused(
                () -> f.msgsvc.reschedule("acme", r.id(), f.clock.instant().plus(Duration.ofHours(1))),
                "has ended",
                ReservationStatus.COMPLETED);

        assertThat(f.msgsvc.reservation("acme", r.id()).reservation()).isEqualTo(before);
        assertThat(eventsOf(f, r.id())).hasSize(eventsBefore);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1");
    }

    @Test
    void aReservationBeingSentIsNotRescheduledAndNothingChanges() {
        EngineFixture f = pipelined();
        Reservation r = reserveHeld(f, 30);

        assertRefused(
                () -> f.msgsvc.reschedule("acme", r.id(), f.clock.instant().plus(Duration.ofHours(1))),
                "sending has begun",
                ReservationStatus.DISPATCHING);
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().sendAt()).isEqualTo(r.sendAt());
        release.countDown();
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertSentOnceInOrder(f, r.id(), 30);
        assertThat(f.eventsOf(ReservationRescheduled.class)).isEmpty();
    }

    @Test
    void aPausedReservationIsCancelledAndThenCannotBeResumed() {
        EngineFixture f = engine();
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2")
                .sendAt(f.clock.instant().plus(Duration.ofHours(1)))
                .build());
        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSED);

        assertThat(f.msgsvc.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCELLED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.CANCELLED);
        assertRefused(() -> f.msgsvc.resume("acme", r.id()), "has ended", ReservationStatus.CANCELLED);
        f.clock.advance(Duration.ofHours(2));
        assertNothingMoreSentTo(f, r.id(), 0);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.CANCELLED);
    }

    @Test
    void aReservationPausedDuringDispatchIsCancelledWithWhatWasSentKeptAndCountedOnce() {
        EngineFixture f = pipelined();
        Reservation r = reserveHeld(f, 40);
        assertThat(f.msgsvc.pause("acme", r.id())).isEqualTo(PauseOutcome.PAUSE_REQUESTED);
        release.countDown();
        int issued = HELD + WINDOW;
        awaitSentThrough(f, r.id(), issued);
        awaitStatus(f, "acme", r.id(), ReservationStatus.PAUSED);

        // the sender may still be releasing the lease: the cancel then waits for it, else it closes now
        assertThat(f.msgsvc.cancel("acme", r.id())).isIn(CancelOutcome.CANCELLED, CancelOutcome.CANCEL_REQUESTED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.CANCELLED);
        List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
        assertThat(deliveries.subList(0, issued)).extracting(Delivery::state).containsOnly(DeliveryState.SENT);
        assertThat(deliveries.subList(issued, 40)).extracting(Delivery::state).containsOnly(DeliveryState.CANCELLED);
        assertThat(gateway.sequencesCalled(r.id())).isEqualTo(upTo(issued));
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == issued);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                        .statistics("acme", Instant.EPOCH, Instant.MAX)
                        .totals()
                        .equals(new StatisticsCounters(1, issued, 0, 0, 40 - issued)));
        awaitToldOnce(f, r.id(), ReservationPaused.class, ReservationEvent.ReservationCancelled.class);
    }

    @Test
    void aReservationBeingCancelledIsNotPaused() {
        EngineFixture f = pipelined();
        Reservation r = reserveHeld(f, 30);
        assertThat(f.msgsvc.cancel("acme", r.id())).isEqualTo(CancelOutcome.CANCEL_REQUESTED);

        assertRefused(() -> f.msgsvc.pause("acme", r.id()), "being cancelled", null);
        release.countDown();
        awaitStatus(f, "acme", r.id(), ReservationStatus.CANCELLED);
        assertThat(f.eventsOf(ReservationPaused.class)).isEmpty();
    }

    // --- helpers

    /** An engine sending through the simulated gateway, {@link #WINDOW} calls in flight. */
    private EngineFixture pipelined() {
        return engine(b -> b.channel(gateway).sendWindow(WINDOW));
    }

    /**
     * Reserves {@code n} recipients for now and waits until the gateway holds the answer to call {@link #HELD} with
     * the window full behind it: calls 0 to HELD + WINDOW - 1 issued, the last WINDOW of them in flight.
     */
    private Reservation reserveHeld(EngineFixture f, int n) {
        gateway.answerWith(m -> {
            if (m.deliveryId().sequence() == HELD && held.getCount() > 0) {
                held.countDown();
                awaitQuietly(release);
            }
            return SendOutcome.accepted("gw-" + m.idempotencyKey());
        });
        Reservation r = f.msgsvc.reserve(EngineFixture.request(
                        "acme",
                        "Hi",
                        IntStream.range(0, n).mapToObj(i -> "+" + i).toArray(String[]::new))
                .build());
        await().atMost(WAIT).until(() -> gateway.sequencesCalled(r.id()).size() == HELD + WINDOW);
        return r;
    }

    /**
     * Shows that nothing more is sent to {@code id} without sleeping: a reservation of another customer, due now,
     * is sent through the same engine (which looks at due work in due order) and ends first.
     */
    private void assertNothingMoreSentTo(EngineFixture f, ReservationId id, int callsSoFar) {
        Reservation probe =
                f.msgsvc.reserve(EngineFixture.request("probe", "Probe", "+999").build());
        await().atMost(WAIT)
                .until(() ->
                        f.msgsvc.reservation("probe", probe.id()).reservation().status()
                                == ReservationStatus.COMPLETED);
        assertThat(callsTo(f, id)).as("calls to %s", id).isEqualTo(callsSoFar);
    }

    private int callsTo(EngineFixture f, ReservationId id) {
        return f.channel.callsFor(id).size() + gateway.callsFor(id).size();
    }

    /** Every recipient called exactly once, in list order, sent, and billed once. */
    private void assertSentOnceInOrder(EngineFixture f, ReservationId id, int n) {
        assertThat(gateway.sequencesCalled(id)).isEqualTo(upTo(n));
        assertThat(f.msgsvc.reservation("acme", id).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SENT);
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == n);
        assertThat(f.msgsvc.charges("acme", id)).hasSize(n);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                        .statistics("acme", Instant.EPOCH, Instant.MAX)
                        .totals()
                        .equals(new StatisticsCounters(1, n, 0, 0, 0)));
    }
}
