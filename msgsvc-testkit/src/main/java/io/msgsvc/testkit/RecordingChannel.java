package io.msgsvc.testkit;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A channel for tests: answers with a script (accept everything by default, with the reference {@code ok-<key>})
 * and remembers every call in the order it was made, so tests can check what was sent, to whom, and in which order.
 * {@link #reporting()} makes one that reports delivery: its accepted sends await a report.
 */
public final class RecordingChannel implements MessageChannel {
    private final List<OutboundMessage> calls = new CopyOnWriteArrayList<>();
    private final boolean reports;
    private volatile Function<OutboundMessage, SendOutcome> script;

    /** A channel that accepts every send, with {@link #referenceOf} as the provider reference. */
    public RecordingChannel() {
        this(m -> SendOutcome.accepted(referenceOf(m)));
    }

    /**
     * A channel that answers each send by {@code script}.
     *
     * @param script the outcome of each call
     */
    public RecordingChannel(Function<OutboundMessage, SendOutcome> script) {
        this(script, false);
    }

    private RecordingChannel(Function<OutboundMessage, SendOutcome> script, boolean reports) {
        this.script = Objects.requireNonNull(script, "script");
        this.reports = reports;
    }

    /** {@return a channel that reports delivery, accepting every send} */
    public static RecordingChannel reporting() {
        return reporting(m -> SendOutcome.accepted(referenceOf(m)));
    }

    /**
     * {@return a channel that reports delivery and answers by {@code script}}
     *
     * @param script the outcome of each call
     */
    public static RecordingChannel reporting(Function<OutboundMessage, SendOutcome> script) {
        return new RecordingChannel(script, true);
    }

    /**
     * {@return the provider reference the default script answers with}: {@code ok-} and the idempotency key
     *
     * @param message a message sent
     */
    public static String referenceOf(OutboundMessage message) {
        return "ok-" + message.idempotencyKey();
    }

    @Override
    public boolean reportsDelivery() {
        return reports;
    }

    /**
     * Replaces the script for later calls.
     *
     * @param script the outcome of each call
     */
    public void answerWith(Function<OutboundMessage, SendOutcome> script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        calls.add(message);
        return script.apply(message);
    }

    /** {@return every call so far, in call order} */
    public List<OutboundMessage> calls() {
        return List.copyOf(calls);
    }

    /**
     * {@return the calls for one reservation, in call order}
     *
     * @param id the reservation
     */
    public List<OutboundMessage> callsFor(ReservationId id) {
        return calls.stream()
                .filter(m -> m.deliveryId().reservationId().equals(id))
                .toList();
    }

    /**
     * {@return the recipients called for one reservation, in call order}; a retried one appears once per attempt
     *
     * @param id the reservation
     */
    public List<String> recipientsCalled(ReservationId id) {
        return callsFor(id).stream().map(OutboundMessage::recipient).toList();
    }
}
