package io.msgsvc.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The facts of a reservation's saga, in the seed service's vocabulary. Each has a unique {@link #eventId()} that
 * stays the same when the event is delivered again, so consumers can apply it exactly once.
 *
 * <p>{@link Reserved}, {@link DispatchStarted}, {@link MsgSent}, {@link MsgSubmitted}, {@link SendFailed},
 * {@link SendCompleted}, {@link DeliveryReported}, {@link ReportTimedOut}, {@link ReservationCompensated},
 * {@link ReservationCancelled}, {@link ReservationPaused}, {@link ReservationResumed} and
 * {@link ReservationRescheduled} are written to the outbox together with the state change they report.
 * {@link Billed}, {@link Refunded} and {@link StatisticsCounted} are told to listeners once a projection has stored
 * its effect.
 */
public sealed interface ReservationEvent {

    UUID eventId();

    ReservationId reservationId();

    String customerId();

    Instant occurredAt();

    /** Stable name of the event type (used on the wire). */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A reservation was stored. */
    record Reserved(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            int recipientCount,
            Instant sendAt)
            implements ReservationEvent {}

    /** Its send time came and a node began sending. */
    record DispatchStarted(UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt)
            implements ReservationEvent {}

    /** One recipient was sent (seed: MsgSent). */
    record MsgSent(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            int attempts,
            String providerReference)
            implements ReservationEvent {}

    /**
     * A channel that reports delivery accepted one recipient's message: submitted, its delivery report awaited (the
     * send moment of the seed's MsgSent; the result comes with {@link DeliveryReported}).
     */
    record MsgSubmitted(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            int attempts,
            String providerReference)
            implements ReservationEvent {}

    /**
     * A submitted delivery's final report was recorded (the result moment): it is now {@code state}. With
     * {@code previous} {@link DeliveryState#UNKNOWN} it corrects a delivery the result timeout had ended.
     *
     * @param occurredAt when it was recorded; {@code reportedAt} is the provider's time
     */
    record DeliveryReported(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            DeliveryState state,
            DeliveryState previous,
            String providerCode,
            String reason,
            Instant reportedAt,
            Integer units,
            BigDecimal price)
            implements ReservationEvent {}

    /** No final report came for a submitted delivery within the result timeout: it ends as unknown. */
    record ReportTimedOut(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            Instant submittedAt)
            implements ReservationEvent {}

    /** One recipient failed for good (seed: SendFailed). */
    record SendFailed(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            int attempts,
            String reason,
            boolean permanent)
            implements ReservationEvent {}

    /**
     * Every recipient has its send result (seed: SendCompleted); where delivery reports are awaited, the
     * reservation ends when the last of them is in.
     */
    record SendCompleted(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, int sent, int failed)
            implements ReservationEvent {}

    /** The content policy refused the message: nothing sent, pending deliveries cancelled (the compensation). */
    record ReservationCompensated(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            String reason,
            int cancelledDeliveries)
            implements ReservationEvent {}

    /** The customer cancelled: deliveries not yet sent were cancelled. */
    record ReservationCancelled(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, int cancelledDeliveries)
            implements ReservationEvent {}

    /** The customer paused it: nothing more is sent until it is resumed (sends in flight still end and count). */
    record ReservationPaused(UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt)
            implements ReservationEvent {}

    /**
     * The customer resumed it: due again at {@code dueAt}; {@code dispatchStarted} says whether some recipient had
     * been sent to before, so it goes back to dispatching rather than scheduled.
     */
    record ReservationResumed(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant dueAt,
            boolean dispatchStarted)
            implements ReservationEvent {}

    /** The customer moved its send time, before sending began or while it was paused. */
    record ReservationRescheduled(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant previousSendAt,
            Instant sendAt)
            implements ReservationEvent {}

    /** A successful delivery was charged in the billing ledger (seed: RateIncreased). */
    record Billed(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            BigDecimal amount)
            implements ReservationEvent {}

    /** A charged delivery was refunded: its report said it was not delivered (billing policy). */
    record Refunded(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            BigDecimal amount,
            DeliveryState state)
            implements ReservationEvent {}

    /** A result was counted in the statistics (seed: StatIncreased). */
    record StatisticsCounted(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant periodStart,
            StatisticsCounters delta)
            implements ReservationEvent {}
}
