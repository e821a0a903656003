package io.msgsvc.spi;

import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DeliveryReported;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSkipped;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationEvent.ReportTimedOut;
import io.msgsvc.api.ReservationEvent.ReservationCancelled;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.ReservationPaused;
import io.msgsvc.api.ReservationEvent.ReservationRescheduled;
import io.msgsvc.api.ReservationEvent.ReservationResumed;
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
 * @param reservationId the reservation
 * @param customerId    its customer
 * @param total         recipient count; set only by {@code Reserved}, which creates the row
 * @param sent          recipients accepted by the channel, by this event
 * @param failed        recipients failed, by this event
 * @param cancelled     recipients not sent (cancelled, rejected, expired unsent, or skipped for an opt-out), by this
 *                      event
 * @param awaiting      change in reports awaited: +1 on a submit, -1 when the report comes or times out
 * @param delivered     deliveries reported delivered, by this event
 * @param undelivered   change in deliveries reported not delivered, expired or unknown (-1 when a late report
 *                      corrects an unknown one)
 * @param status        the stage the event moves to, or null to keep the current one; {@code AWAITING_RESULTS} says
 *                      every recipient has its send result, and the fold ends the reservation once no report is
 *                      awaited
 * @param reason        why it ended (rejection or cancellation), or null
 * @param at            the event's time
 * @param resumes       the customer resumed it: the one change that moves a paused reservation back to {@code status}
 * @param nextSendAt    when it is due next, as the event says (registration, reschedule, resume, a wait for its
 *                      delivery window), or null when the event does not say
 */
public record ProgressDelta(
        ReservationId reservationId,
        String customerId,
        int total,
        int sent,
        int failed,
        int cancelled,
        int awaiting,
        int delivered,
        int undelivered,
        ReservationStatus status,
        String reason,
        Instant at,
        boolean resumes,
        Instant nextSendAt) {

    /**
     * A change that says nothing of the next send time.
     *
     * @param reservationId the reservation
     * @param customerId    its customer
     * @param total         recipient count; set only by {@code Reserved}
     * @param sent          recipients accepted by the channel, by this event
     * @param failed        recipients failed, by this event
     * @param cancelled     recipients cancelled (or expired unsent), by this event
     * @param awaiting      change in reports awaited
     * @param delivered     deliveries reported delivered, by this event
     * @param undelivered   change in deliveries reported not delivered, expired or unknown
     * @param status        the stage the event moves to, or null to keep the current one
     * @param reason        why it ended, or null
     * @param at            the event's time
     * @param resumes       the customer resumed it
     */
    public ProgressDelta(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            String reason,
            Instant at,
            boolean resumes) {
        this(
                reservationId,
                customerId,
                total,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                status,
                reason,
                at,
                resumes,
                null);
    }

    /**
     * A change that is no resume.
     *
     * @param reservationId the reservation
     * @param customerId    its customer
     * @param total         recipient count; set only by {@code Reserved}
     * @param sent          recipients accepted by the channel, by this event
     * @param failed        recipients failed, by this event
     * @param cancelled     recipients cancelled, by this event
     * @param awaiting      change in reports awaited
     * @param delivered     deliveries reported delivered, by this event
     * @param undelivered   change in deliveries reported not delivered, expired or unknown
     * @param status        the stage the event moves to, or null to keep the current one
     * @param reason        why it ended, or null
     * @param at            the event's time
     */
    public ProgressDelta(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            int awaiting,
            int delivered,
            int undelivered,
            ReservationStatus status,
            String reason,
            Instant at) {
        this(
                reservationId,
                customerId,
                total,
                sent,
                failed,
                cancelled,
                awaiting,
                delivered,
                undelivered,
                status,
                reason,
                at,
                false);
    }

    /**
     * A change that moves no delivery report count.
     *
     * @param reservationId the reservation
     * @param customerId    its customer
     * @param total         recipient count; set only by {@code Reserved}
     * @param sent          recipients accepted by the channel, by this event
     * @param failed        recipients failed, by this event
     * @param cancelled     recipients cancelled, by this event
     * @param status        the stage the event moves to, or null to keep the current one
     * @param reason        why it ended, or null
     * @param at            the event's time
     */
    public ProgressDelta(
            ReservationId reservationId,
            String customerId,
            int total,
            int sent,
            int failed,
            int cancelled,
            ReservationStatus status,
            String reason,
            Instant at) {
        this(reservationId, customerId, total, sent, failed, cancelled, 0, 0, 0, status, reason, at);
    }

    /**
     * The change an event makes, or empty for events that do not touch progress.
     *
     * @param event any event
     * @return its change; empty for billing and statistics events
     */
    public static Optional<ProgressDelta> of(ReservationEvent event) {
        Counts c = new Counts();
        ReservationStatus status;
        String reason = null;
        if (event instanceof Reserved r) {
            c.total = r.recipientCount();
            c.nextSendAt = r.sendAt();
            status = ReservationStatus.SCHEDULED;
        } else if (event instanceof DispatchStarted) {
            status = ReservationStatus.DISPATCHING;
        } else if (event instanceof MsgSent) {
            c.sent = 1;
            status = ReservationStatus.DISPATCHING;
        } else if (event instanceof MsgSubmitted) {
            c.sent = 1;
            c.awaiting = 1;
            status = ReservationStatus.DISPATCHING;
        } else if (event instanceof SendFailed) {
            c.failed = 1;
            status = ReservationStatus.DISPATCHING;
        } else if (event instanceof MsgSkipped) {
            c.cancelled = 1; // not sent, as a cancelled recipient: the counts still add up to the total
            status = ReservationStatus.DISPATCHING;
        } else if (event instanceof SendCompleted) {
            status = ReservationStatus.AWAITING_RESULTS;
        } else if (event instanceof DeliveryReported r) {
            c.report(r.previous(), -1);
            c.report(r.state(), 1);
            status = null;
        } else if (event instanceof ReportTimedOut) {
            c.report(DeliveryState.SUBMITTED, -1);
            c.report(DeliveryState.UNKNOWN, 1);
            status = null;
        } else if (event instanceof ReservationCompensated r) {
            c.cancelled = r.cancelledDeliveries();
            status = ReservationStatus.REJECTED;
            reason = r.reason();
        } else if (event instanceof ReservationCancelled r) {
            c.cancelled = r.cancelledDeliveries();
            status = ReservationStatus.CANCELLED;
            reason = Closing.CUSTOMER_CANCEL_REASON;
        } else if (event instanceof ReservationEvent.ReservationExpired r) {
            c.cancelled = r.expiredDeliveries(); // not sent, as a cancel's: the row's counts still add up
            status = ReservationStatus.EXPIRED;
            reason = "expired before " + r.expiredDeliveries() + " recipient(s) were sent";
        } else if (event instanceof ReservationPaused) {
            status = ReservationStatus.PAUSED;
        } else if (event instanceof ReservationResumed r) {
            c.resumes = true;
            c.nextSendAt = r.dueAt();
            status = r.dispatchStarted() ? ReservationStatus.DISPATCHING : ReservationStatus.SCHEDULED;
        } else if (event instanceof ReservationRescheduled r) {
            c.nextSendAt = r.sendAt();
            status = null; // no count or status moves; the row is touched so readers see the new send time
        } else if (event instanceof ReservationEvent.WaitingForWindow w) {
            c.nextSendAt = w.opensAt();
            status = null;
        } else {
            return Optional.empty();
        }
        return Optional.of(new ProgressDelta(
                event.reservationId(),
                event.customerId(),
                c.total,
                c.sent,
                c.failed,
                c.cancelled,
                c.awaiting,
                c.delivered,
                c.undelivered,
                status,
                reason,
                event.occurredAt(),
                c.resumes,
                c.nextSendAt));
    }

    /**
     * The status after this change. Status only moves forward (scheduled, dispatching, awaiting results, ended) and
     * an ended status is final, so events applied late or out of order never move a reservation back. The one way
     * back is a pause: it holds a scheduled or dispatching reservation (results of sends that were in flight keep it
     * paused) until it is resumed, or until every recipient has its result or it ends, which win over it.
     *
     * @param current the status before, or null before the first event
     * @return the status after
     */
    public ReservationStatus nextStatus(ReservationStatus current) {
        if (status == null) {
            return current;
        }
        if (current == null) {
            return status;
        }
        if (current == ReservationStatus.PAUSED && stage(status) < 2) {
            return resumes ? status : current;
        }
        if (status == ReservationStatus.PAUSED) {
            return stage(current) < 2 ? status : current;
        }
        return stage(status) > stage(current) ? status : current;
    }

    private static int stage(ReservationStatus s) {
        return switch (s) {
            case SCHEDULED -> 0;
            case DISPATCHING, PAUSED -> 1;
            case AWAITING_RESULTS -> 2;
            default -> 3;
        };
    }

    /** The counts one event moves. */
    private static final class Counts {
        int total;
        int sent;
        int failed;
        int cancelled;
        int awaiting;
        int delivered;
        int undelivered;
        boolean resumes;
        Instant nextSendAt;

        /** Moves the report counts by {@code n} deliveries in {@code state}. */
        void report(DeliveryState state, int n) {
            switch (state) {
                case SUBMITTED -> awaiting += n;
                case DELIVERED -> delivered += n;
                case UNDELIVERED, EXPIRED, UNKNOWN -> undelivered += n;
                default -> throw new IllegalArgumentException("not a reported state: " + state);
            }
        }
    }
}
