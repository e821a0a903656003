package io.msgsvc.spi;

import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import java.time.Instant;
import java.util.UUID;

/**
 * How a reservation closes, for {@link DispatchQueue#close}: what its still pending deliveries are marked with and
 * which event reports it.
 */
public sealed interface Closing {

    /** The detail of deliveries, and the status reason of a reservation, that the customer cancelled. */
    String CUSTOMER_CANCEL_REASON = "cancelled by the customer";

    /**
     * Id of the closing event.
     *
     * @return the event id
     */
    UUID eventId();

    /**
     * When it closed.
     *
     * @return the event's time, and the pending deliveries' completion time
     */
    Instant at();

    /**
     * The detail of deliveries still pending, which become cancelled; null when none should be left.
     *
     * @return the detail, or null
     */
    String pendingDetail();

    /**
     * What deliveries still pending become.
     *
     * @return {@link DeliveryState#CANCELLED}, or {@link DeliveryState#EXPIRED_UNSENT} for an expiry
     */
    default DeliveryState pendingState() {
        return DeliveryState.CANCELLED;
    }

    /**
     * The event that reports the close, from the reservation's final counts.
     *
     * @param id         the reservation
     * @param customerId its customer
     * @param summary    its deliveries' counts as closed
     * @return the closing event, with {@link #eventId()} and {@link #at()}
     */
    ReservationEvent event(ReservationId id, String customerId, CloseSummary summary);

    /**
     * Every recipient has its result.
     *
     * @param eventId the {@code SendCompleted} event's id
     * @param at      when it closed
     */
    record Completed(UUID eventId, Instant at) implements Closing {
        @Override
        public String pendingDetail() {
            return null;
        }

        @Override
        public ReservationEvent event(ReservationId id, String customerId, CloseSummary s) {
            return new ReservationEvent.SendCompleted(eventId, id, customerId, at, s.sent(), s.failed());
        }
    }

    /**
     * The content policy refused the message: the compensation, nothing sent.
     *
     * @param eventId the {@code ReservationCompensated} event's id
     * @param at      when it closed
     * @param reason  why the content policy refused it
     */
    record Rejected(UUID eventId, Instant at, String reason) implements Closing {
        @Override
        public String pendingDetail() {
            return "rejected: " + reason;
        }

        @Override
        public ReservationEvent event(ReservationId id, String customerId, CloseSummary s) {
            return new ReservationEvent.ReservationCompensated(eventId, id, customerId, at, reason, s.cancelled());
        }
    }

    /**
     * The customer cancelled: recipients without a result are not sent.
     *
     * @param eventId the {@code ReservationCancelled} event's id
     * @param at      when it closed
     */
    record Cancelled(UUID eventId, Instant at) implements Closing {
        @Override
        public String pendingDetail() {
            return CUSTOMER_CANCEL_REASON;
        }

        @Override
        public ReservationEvent event(ReservationId id, String customerId, CloseSummary s) {
            return new ReservationEvent.ReservationCancelled(eventId, id, customerId, at, s.cancelled());
        }
    }

    /**
     * The reservation's expiry came: recipients without a result are not sent.
     *
     * @param eventId  the {@code ReservationExpired} event's id
     * @param at       when it closed
     * @param expireAt the expiry that came
     */
    record Expired(UUID eventId, Instant at, Instant expireAt) implements Closing {
        @Override
        public String pendingDetail() {
            return expiryReason(expireAt);
        }

        @Override
        public DeliveryState pendingState() {
            return DeliveryState.EXPIRED_UNSENT;
        }

        @Override
        public ReservationEvent event(ReservationId id, String customerId, CloseSummary s) {
            return new ReservationEvent.ReservationExpired(eventId, id, customerId, at, s.expired());
        }
    }

    /**
     * @param expireAt the expiry that came
     * @return the detail of the deliveries it ended, and the reservation's status reason
     */
    static String expiryReason(Instant expireAt) {
        return "expired at " + expireAt + " before it was sent";
    }

    /**
     * @param at       when it closes
     * @param expireAt the expiry that came
     * @return a close as expired, with a new event id
     */
    static Expired expired(Instant at, Instant expireAt) {
        return new Expired(EventIds.next(), at, expireAt);
    }

    /**
     * @param at when it closes
     * @return a close as completed, with a new event id
     */
    static Completed completed(Instant at) {
        return new Completed(EventIds.next(), at);
    }

    /**
     * @param at     when it closes
     * @param reason why the content policy refused the message
     * @return a close as rejected, with a new event id
     */
    static Rejected rejected(Instant at, String reason) {
        return new Rejected(EventIds.next(), at, reason);
    }

    /**
     * @param at when it closes
     * @return a close as cancelled by the customer, with a new event id
     */
    static Cancelled cancelled(Instant at) {
        return new Cancelled(EventIds.next(), at);
    }
}
