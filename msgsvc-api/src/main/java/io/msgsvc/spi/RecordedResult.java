package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

/**
 * A delivery's result and the event that reports it, written together.
 *
 * @param result the result to record
 * @param event  its {@code MsgSent}, {@code MsgSubmitted}, {@code SendFailed} or {@code MsgSkipped} event, dropped
 *               with it when the delivery is no longer pending
 */
public record RecordedResult(DeliveryResult result, ReservationEvent event) {}
