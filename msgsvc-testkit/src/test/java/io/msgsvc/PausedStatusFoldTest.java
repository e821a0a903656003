package io.msgsvc;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.Progress;
import io.msgsvc.spi.ProgressDelta;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the status fold treats a pause: held against late results, left by a resume, overtaken by the end. */
class PausedStatusFoldTest {
    private final ReservationId id = ReservationId.random();
    private final Instant at = Instant.parse("2026-01-01T09:00:00Z");

    private Progress fold(ReservationEvent... events) {
        Progress p = Progress.NONE;
        for (ReservationEvent e : events) {
            p = p.plus(ProgressDelta.of(e).orElseThrow());
        }
        return p;
    }

    private ReservationEvent reserved() {
        return new ReservationEvent.Reserved(UUID.randomUUID(), id, "acme", at, 2, at);
    }

    private ReservationEvent started() {
        return new ReservationEvent.DispatchStarted(UUID.randomUUID(), id, "acme", at);
    }

    private ReservationEvent paused() {
        return new ReservationEvent.ReservationPaused(UUID.randomUUID(), id, "acme", at);
    }

    private ReservationEvent resumed(boolean started) {
        return new ReservationEvent.ReservationResumed(UUID.randomUUID(), id, "acme", at, at, started);
    }

    private ReservationEvent sent(int seq) {
        return new ReservationEvent.MsgSent(
                UUID.randomUUID(), id, "acme", at, new DeliveryId(id, seq), "+" + seq, 1, "ref", MessageType.SMS, 1);
    }

    @Test
    void aResultOfASendInFlightKeepsAPausedReservationPausedAndAResumeMovesItOn() {
        assertThat(fold(reserved(), paused()).status()).isEqualTo(ReservationStatus.PAUSED);
        assertThat(fold(reserved(), paused(), resumed(false)).status()).isEqualTo(ReservationStatus.SCHEDULED);
        Progress late = fold(reserved(), started(), paused(), sent(0));
        assertThat(late.status()).isEqualTo(ReservationStatus.PAUSED);
        assertThat(late.sent()).isEqualTo(1);
        assertThat(fold(reserved(), started(), paused(), sent(0), resumed(true), sent(1))
                        .status())
                .isEqualTo(ReservationStatus.DISPATCHING);
    }

    @Test
    void theEndOfAReservationWinsOverAPause() {
        ReservationEvent completed = new ReservationEvent.SendCompleted(UUID.randomUUID(), id, "acme", at, 2, 0);
        assertThat(fold(reserved(), started(), sent(0), paused(), sent(1), completed)
                        .status())
                .isEqualTo(ReservationStatus.COMPLETED);
        ReservationEvent cancelled = new ReservationEvent.ReservationCancelled(UUID.randomUUID(), id, "acme", at, 2);
        assertThat(fold(reserved(), paused(), cancelled).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(fold(reserved(), paused(), cancelled, resumed(false)).status())
                .as("an ended status is final")
                .isEqualTo(ReservationStatus.CANCELLED);
        assertThat(fold(reserved(), started(), sent(0), sent(1), completed, paused())
                        .status())
                .isEqualTo(ReservationStatus.COMPLETED);
    }

    @Test
    void aRescheduleMovesNoStatus() {
        ReservationEvent moved =
                new ReservationEvent.ReservationRescheduled(UUID.randomUUID(), id, "acme", at, at, at.plusSeconds(60));
        assertThat(fold(reserved(), moved).status()).isEqualTo(ReservationStatus.SCHEDULED);
        assertThat(fold(reserved(), paused(), moved).status()).isEqualTo(ReservationStatus.PAUSED);
    }
}
