package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.ReservationCancelled;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendCompleted;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What one event changes in a reservation's progress. {@link Progress#plus} folds it, for the reservation status
 * and the dashboard alike, so the two cannot drift apart.
 *
 * @param total  recipient count; set only by {@code Reserved}, which creates the row
 * @param status the status the event moves to, or null to keep the current one
 * @param reason why it ended (rejection or cancellation), or null
 */
public record ProgressDelta(
        ReservationId reservationId,
        String customerId,
        int total,
        int sent,
        int failed,
        int cancelled,
        ReservationStatus status,
        String reason,
        Instant at) {

    /** The change an event makes, or empty for events that do not touch progress. */
    public static Optional<ProgressDelta> of(ReservationEvent event) {
        ReservationId id = event.reservationId();
        String customer = event.customerId();
        Instant at = event.occurredAt();
        ProgressDelta delta;
        if (event instanceof Reserved r) {
            delta = new ProgressDelta(id, customer, r.recipientCount(), 0, 0, 0, ReservationStatus.SCHEDULED, null, at);
        } else if (event instanceof DispatchStarted) {
            delta = new ProgressDelta(id, customer, 0, 0, 0, 0, ReservationStatus.DISPATCHING, null, at);
        } else if (event instanceof MsgSent) {
            delta = new ProgressDelta(id, customer, 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, at);
        } else if (event instanceof SendFailed) {
            delta = new ProgressDelta(id, customer, 0, 0, 1, 0, ReservationStatus.DISPATCHING, null, at);
        } else if (event instanceof SendCompleted c) {
            ReservationStatus end = c.failed() == 0
                    ? ReservationStatus.COMPLETED
                    : c.sent() == 0 ? ReservationStatus.FAILED : ReservationStatus.PARTIALLY_FAILED;
            delta = new ProgressDelta(id, customer, 0, 0, 0, 0, end, null, at);
        } else if (event instanceof ReservationCompensated c) {
            delta = new ProgressDelta(
                    id, customer, 0, 0, 0, c.cancelledDeliveries(), ReservationStatus.REJECTED, c.reason(), at);
        } else if (event instanceof ReservationCancelled c) {
            delta = new ProgressDelta(
                    id,
                    customer,
                    0,
                    0,
                    0,
                    c.cancelledDeliveries(),
                    ReservationStatus.CANCELLED,
                    Closing.CUSTOMER_CANCEL_REASON,
                    at);
        } else {
            return Optional.empty();
        }
        return Optional.of(delta);
    }

    /**
     * The status after this change. Status only moves forward (scheduled, dispatching, ended) and an ended status
     * is final, so events applied late or out of order never move a reservation back.
     */
    public ReservationStatus nextStatus(ReservationStatus current) {
        if (status == null) {
            return current;
        }
        if (current == null) {
            return status;
        }
        return stage(status) > stage(current) ? status : current;
    }

    private static int stage(ReservationStatus s) {
        return switch (s) {
            case SCHEDULED -> 0;
            case DISPATCHING -> 1;
            default -> 2;
        };
    }
}
