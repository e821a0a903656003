package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.EventIds;
import io.msgsvc.spi.RecordedResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The send results a dispatcher records, each with the event that reports it. */
final class SendResults {
    private SendResults() {}

    /**
     * What the channel is handed for one attempt at a delivery; its id is the idempotency key, and its text the
     * reservation's rendered with the delivery's variables, the same on every node and attempt.
     */
    static OutboundMessage message(ClaimedReservation r, Delivery d, int attempt) {
        return new OutboundMessage(
                d.id(),
                d.id().toString(),
                r.customerId(),
                d.recipient(),
                r.subject(),
                Template.forSend(r.text(), d.variables()),
                attempt);
    }

    /**
     * The channel took the message: final {@code SENT}, or {@code SUBMITTED} to await its report when the channel
     * reports delivery. The provider's reference is the result's detail either way; the event carries the type and
     * units it is billed as.
     */
    static RecordedResult accepted(
            ClaimedReservation r,
            Delivery d,
            int attempt,
            String reference,
            boolean awaitsReport,
            Instant now,
            MessageSize size) {
        UUID id = EventIds.next();
        String recipient = d.recipient();
        if (awaitsReport) {
            return new RecordedResult(
                    new DeliveryResult(d.id(), DeliveryState.SUBMITTED, attempt, reference, now),
                    new MsgSubmitted(
                            id,
                            r.id(),
                            r.customerId(),
                            now,
                            d.id(),
                            recipient,
                            attempt,
                            reference,
                            size.type(),
                            size.units()));
        }
        return new RecordedResult(
                new DeliveryResult(d.id(), DeliveryState.SENT, attempt, reference, now),
                new MsgSent(
                        id,
                        r.id(),
                        r.customerId(),
                        now,
                        d.id(),
                        recipient,
                        attempt,
                        reference,
                        size.type(),
                        size.units()));
    }

    /** The delivery failed for good: refused by the provider, or out of retries. */
    static RecordedResult failed(
            ClaimedReservation r, Delivery d, int attempt, String reason, boolean permanent, Instant now) {
        return new RecordedResult(
                new DeliveryResult(d.id(), DeliveryState.FAILED, attempt, reason, now),
                new SendFailed(
                        EventIds.next(),
                        r.id(),
                        r.customerId(),
                        now,
                        d.id(),
                        d.recipient(),
                        attempt,
                        reason,
                        permanent));
    }

    /** The results that await a report, in order. */
    static List<DeliveryResult> submitted(List<RecordedResult> results) {
        List<DeliveryResult> submitted = new ArrayList<>(results.size());
        for (RecordedResult result : results) {
            if (result.result().state() == DeliveryState.SUBMITTED) {
                submitted.add(result.result());
            }
        }
        return submitted;
    }
}
