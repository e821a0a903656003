package io.msgsvc.json;

import io.msgsvc.api.MessageType;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;

/**
 * Sends recorded before messages were sized carry no message type and no units: they were one SMS each, and read as
 * such, so a projection of another process prices an older event as the engine that wrote it did.
 */
final class BeforeSizing {
    private BeforeSizing() {}

    static ReservationEvent read(ReservationEvent event) {
        if (event instanceof MsgSent s && s.messageType() == null) {
            return new MsgSent(
                    s.eventId(),
                    s.reservationId(),
                    s.customerId(),
                    s.occurredAt(),
                    s.deliveryId(),
                    s.recipient(),
                    s.attempts(),
                    s.providerReference(),
                    MessageType.SMS,
                    1);
        }
        if (event instanceof MsgSubmitted s && s.messageType() == null) {
            return new MsgSubmitted(
                    s.eventId(),
                    s.reservationId(),
                    s.customerId(),
                    s.occurredAt(),
                    s.deliveryId(),
                    s.recipient(),
                    s.attempts(),
                    s.providerReference(),
                    MessageType.SMS,
                    1);
        }
        return event;
    }
}
