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
 * {@link ReservationCancelled}, {@link ReservationExpired}, {@link WaitingForWindow}, {@link ReservationPaused},
 * {@link ReservationResumed} and {@link ReservationRescheduled} are written to the outbox together with the state
 * change they report. {@link Billed}, {@link Refunded} and {@link StatisticsCounted} are told to listeners once a
 * projection has stored its effect.
 *
 * <p>Every record begins with the four components of this interface ({@code eventId}, {@code reservationId},
 * {@code customerId}, {@code occurredAt}), as described on their accessors here; each record documents the rest.
 */
public sealed interface ReservationEvent {

    /** @return unique per event, and the same each time the event is delivered */
    UUID eventId();

    /** @return the reservation the event is about */
    ReservationId reservationId();

    /** @return the reservation's customer */
    String customerId();

    /** @return when it happened, by the engine's clock */
    Instant occurredAt();

    /**
     * Stable name of the event type (used on the wire).
     *
     * @return the record's simple name, e.g. {@code MsgSent}
     */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * A reservation was stored.
     *
     * @param recipientCount how many recipients it has
     * @param sendAt         when it is due: the time asked, or the registration time
     */
    record Reserved(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            int recipientCount,
            Instant sendAt)
            implements ReservationEvent {}

    /**
     * Its send time came and a node began sending.
     *
     */
    record DispatchStarted(UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt)
            implements ReservationEvent {}

    /**
     * One recipient was sent (seed: MsgSent).
     *
     * @param deliveryId        the delivery
     * @param recipient         its recipient
     * @param attempts          channel calls made for it, this one included
     * @param providerReference the provider's id for the message, or null
     * @param messageType       the message type it was sent as (events written before sizing read as one SMS)
     * @param units             the units it is billed as: 1, or its SMS segments when split
     */
    record MsgSent(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            int attempts,
            String providerReference,
            MessageType messageType,
            int units)
            implements ReservationEvent {}

    /**
     * A channel that reports delivery accepted one recipient's message: submitted, its delivery report awaited (the
     * send moment of the seed's MsgSent; the result comes with {@link DeliveryReported}).
     *
     * @param deliveryId        the delivery
     * @param recipient         its recipient
     * @param attempts          channel calls made for it, this one included
     * @param providerReference the provider's id for the message, or null
     * @param messageType       the message type it was sent as (events written before sizing read as one SMS)
     * @param units             the units it is billed as: 1, or its SMS segments when split
     */
    record MsgSubmitted(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            int attempts,
            String providerReference,
            MessageType messageType,
            int units)
            implements ReservationEvent {}

    /**
     * A submitted delivery's final report was recorded (the result moment): it is now {@code state}. With
     * {@code previous} {@link DeliveryState#UNKNOWN} it corrects a delivery the result timeout had ended.
     *
     * @param occurredAt    when it was recorded; {@code reportedAt} is the provider's time
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param state         its final state now: delivered, undelivered, expired or unknown
     * @param previous      its state before: submitted, or unknown for a correction
     * @param providerCode  the provider's status or error code, or null
     * @param reason        the provider's words for it, or null
     * @param reportedAt    when the provider says it happened (the recording time when it did not say)
     * @param units         units the provider billed, or null
     * @param price         price the provider reported, or null
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

    /**
     * No final report came for a submitted delivery within the result timeout: it ends as unknown.
     *
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param submittedAt   when the channel accepted it
     */
    record ReportTimedOut(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            Instant submittedAt)
            implements ReservationEvent {}

    /**
     * One recipient failed for good (seed: SendFailed).
     *
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param attempts      channel calls made for it
     * @param reason        the provider's reason, or the last transient failure's
     * @param permanent     true if the provider refused it for good, false if transient failures used up the retries
     */
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
     * One recipient was not sent: its address was on an opt-out list that covers the message when its turn came. It
     * ends {@link DeliveryState#SKIPPED}, never billed.
     *
     * @param deliveryId    the delivery
     * @param recipient     its recipient
     * @param reason        the opt-out that stopped it (list, scope and its reason)
     */
    record MsgSkipped(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            String recipient,
            String reason)
            implements ReservationEvent {}

    /**
     * Every recipient has its send result (seed: SendCompleted); where delivery reports are awaited, the
     * reservation ends when the last of them is in.
     *
     * @param sent          recipients the channel accepted, whatever their reports say
     * @param failed        recipients failed
     */
    record SendCompleted(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, int sent, int failed)
            implements ReservationEvent {}

    /**
     * The content policy refused the message: nothing sent, pending deliveries cancelled (the compensation).
     *
     * @param reason              why the content policy refused it
     * @param cancelledDeliveries deliveries cancelled, every one not sent
     */
    record ReservationCompensated(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            String reason,
            int cancelledDeliveries)
            implements ReservationEvent {}

    /**
     * The customer cancelled: deliveries not yet sent were cancelled.
     *
     * @param cancelledDeliveries deliveries cancelled, every one not sent
     */
    record ReservationCancelled(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, int cancelledDeliveries)
            implements ReservationEvent {}

    /**
     * Its sends wait for its delivery windows to open: it is put off until {@code opensAt} (no attempt used). Written
     * when a dispatch finds its windows closed (one that had not started stays scheduled), and with the registration,
     * reschedule or resume that set a due time at which they are closed.
     *
     * @param opensAt when its windows open next, or its expiry if that comes first
     */
    record WaitingForWindow(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, Instant opensAt)
            implements ReservationEvent {}

    /**
     * Its expiry came before every recipient was sent: those not sent then end {@link DeliveryState#EXPIRED_UNSENT},
     * never billed.
     *
     * @param expiredDeliveries deliveries that expired unsent
     */
    record ReservationExpired(
            UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt, int expiredDeliveries)
            implements ReservationEvent {}

    /**
     * The customer paused it: nothing more is sent until it is resumed (sends in flight still end and count).
     *
     */
    record ReservationPaused(UUID eventId, ReservationId reservationId, String customerId, Instant occurredAt)
            implements ReservationEvent {}

    /**
     * The customer resumed it: due again at {@code dueAt}; {@code dispatchStarted} says whether some recipient had
     * been sent to before, so it goes back to dispatching rather than scheduled.
     *
     * @param dueAt           when it is due again: as before the pause, or the resume time if that has passed
     * @param dispatchStarted its dispatch had begun before the pause
     */
    record ReservationResumed(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant dueAt,
            boolean dispatchStarted)
            implements ReservationEvent {}

    /**
     * The customer moved its send time, before sending began or while it was paused.
     *
     * @param previousSendAt the send time before
     * @param sendAt         the new send time
     */
    record ReservationRescheduled(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant previousSendAt,
            Instant sendAt)
            implements ReservationEvent {}

    /**
     * A successful delivery was charged in the billing ledger (seed: RateIncreased).
     *
     * @param deliveryId    the delivery charged
     * @param amount        the amount charged, as {@link Pricing} priced it
     */
    record Billed(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            BigDecimal amount)
            implements ReservationEvent {}

    /**
     * A charged delivery was refunded: its report said it was not delivered (billing policy).
     *
     * @param deliveryId    the delivery refunded
     * @param amount        the amount refunded: what it was charged
     * @param state         the state that caused it: undelivered, expired or unknown
     */
    record Refunded(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            DeliveryId deliveryId,
            BigDecimal amount,
            DeliveryState state)
            implements ReservationEvent {}

    /**
     * A result was counted in the statistics (seed: StatIncreased).
     *
     * @param periodStart   start of the statistics period it was counted in (UTC)
     * @param delta         what was added to that period's counters
     */
    record StatisticsCounted(
            UUID eventId,
            ReservationId reservationId,
            String customerId,
            Instant occurredAt,
            Instant periodStart,
            StatisticsCounters delta)
            implements ReservationEvent {}
}
