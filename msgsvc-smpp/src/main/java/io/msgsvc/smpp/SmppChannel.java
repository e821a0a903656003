package io.msgsvc.smpp;

import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.bean.SubmitSmResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMS channel over SMPP 3.4, on jSMPP: bound sessions (transceiver, or transmitters and a receiver) that keep a
 * window of unanswered {@code submit_sm} each, answer the SMSC's {@code enquire_link} and send their own, and bind
 * again with a growing backoff when the connection drops. A reservation's submits are written in list order; the
 * answers complete without a thread waiting for each. Delivery receipts are handed to the engine and acknowledged
 * once stored.
 *
 * <pre>{@code
 * SmppChannel smpp = SmppChannel.builder("smsc.example.com", 2775).account("msgsvc", "secret")
 *         .sourceAddress("15880000", 0, 1).window(2, 64, Duration.ofSeconds(5)).build();
 * Msgsvc msgsvc = Msgsvc.builder().storage(storage).channel(smpp).build();
 * smpp.start(msgsvc::reportDeliveries);
 * msgsvc.start();
 * ...
 * msgsvc.close();
 * smpp.close();
 * }</pre>
 *
 * <p>What each {@code submit_sm_resp} status becomes is in {@link SubmitStatuses}: accepted with the SMSC's message id
 * as the provider reference; {@code ESME_RTHROTTLED} holds the whole channel; a wrong
 * address or message fails permanently; anything else, a timeout or a dropped connection is transient. With no
 * session bound, nothing is sent and the channel is held until the next bind attempt (no attempt is used up).
 */
public final class SmppChannel implements AsyncMessageChannel, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmppChannel.class);
    private final SmppSettings settings;
    private final ReceiptListener receipts;
    private final SmppSessions sessions;
    private final Submits submits;
    private volatile boolean started;

    SmppChannel(SmppSettings settings) {
        this.settings = settings;
        this.receipts = new ReceiptListener(settings.receiptTimeZone());
        this.sessions = new SmppSessions(settings, receipts);
        this.submits = new Submits(settings);
    }

    /**
     * {@return a builder for a channel to the SMSC at {@code host:port}}
     *
     * @param host the SMSC's host name or address, not blank, up to 255 characters
     * @param port its port, 1 to 65535
     * @throws IllegalArgumentException if either is out of bounds
     */
    public static SmppChannelBuilder builder(String host, int port) {
        return new SmppChannelBuilder(host, port);
    }

    /**
     * Binds the sessions (those the SMSC refuses bind again in the background) and hands the receipts they hear to
     * {@code sink}, typically {@code msgsvc::reportDeliveries}. Call it before the engine starts sending: until
     * then every send fails transiently.
     *
     * @param sink where receipts go
     * @return this channel
     * @throws NullPointerException if {@code sink} is null
     */
    public SmppChannel start(ReceiptSink sink) {
        receipts.sendTo(Objects.requireNonNull(sink, "sink"));
        sessions.open();
        started = true;
        return this;
    }

    /**
     * Binds without hearing receipts: for a channel built with {@code registeredDelivery(false)}.
     *
     * @return this channel
     * @throws IllegalStateException if the channel asks for receipts, which would then never reach the engine
     */
    public SmppChannel start() {
        if (settings.registeredDelivery()) {
            throw new IllegalStateException("this channel asks for delivery receipts: start(msgsvc::reportDeliveries)"
                    + " so they reach the engine, or build it with registeredDelivery(false)");
        }
        sessions.open();
        started = true;
        return this;
    }

    @Override
    public CompletionStage<SendOutcome> sendAsync(OutboundMessage message) {
        if (!started) {
            log.error("SmppChannel called before start(sink): nothing is bound, the send goes again later");
            return CompletableFuture.completedFuture(
                    SendOutcome.transientFailure("SmppChannel not started: call start(msgsvc::reportDeliveries)"));
        }
        SmsText text;
        List<Submits.Part> parts;
        try {
            text = SmsText.encode(message.text(), settings.encoding());
            parts = submits.parts(message, text);
        } catch (SmsText.Unsendable e) {
            return CompletableFuture.completedFuture(SendOutcome.permanentFailure(e.getMessage()));
        }
        int places = Math.min(parts.size(), settings.windowPerSession());
        SmppSessions.Slot slot;
        try {
            slot = sessions.take(places);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(SendOutcome.transientFailure("interrupted"));
        }
        AsyncSubmitSession session = slot == null ? null : slot.bound();
        if (session == null) {
            if (slot != null) {
                slot.window.release(places);
            }
            return CompletableFuture.completedFuture(
                    sessions.anySenderBound()
                            // every window full for the whole wait: this reservation waits, the others go on
                            ? SendOutcome.throttled(settings.throttledFor())
                            : SendOutcome.channelThrottled(sessions.untilRebind()));
        }
        List<CompletableFuture<SubmitSmResp>> answers = new ArrayList<>(parts.size());
        for (Submits.Part part : parts) {
            answers.add(session.submit(part, settings.responseTimeout().toMillis()));
        }
        // a future of our own: the engine may cancel what it gets (a timeout, an abandoned dispatch), and the places
        // must come back whatever it does with it
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).whenComplete((done, failure) -> {
            slot.window.release(places);
            outcome.complete(outcome(answers));
        });
        return outcome;
    }

    /**
     * The first part not accepted decides; when all are, the last part's message id names the message. Once a part
     * was accepted, the SMSC's asking to slow down for a later one uses an attempt like any transient failure: a resend
     * sends the accepted parts again, which must not go on without end.
     */
    private SendOutcome outcome(List<CompletableFuture<SubmitSmResp>> answers) {
        String messageId = null;
        boolean someAccepted = false;
        for (CompletableFuture<SubmitSmResp> answer : answers) {
            SendOutcome outcome;
            try {
                SubmitSmResp resp = answer.join();
                outcome = SubmitStatuses.outcome(resp.getCommandStatus(), resp.getMessageId(), settings.throttledFor());
            } catch (CompletionException e) {
                outcome = failed(e.getCause());
            }
            if (!(outcome instanceof SendOutcome.Accepted)) {
                return someAccepted && outcome instanceof SendOutcome.Throttled
                        ? SendOutcome.transientFailure("the SMSC throttled part of a message it had begun to take")
                        : outcome;
            }
            someAccepted = true;
            messageId = ((SendOutcome.Accepted) outcome).providerReference();
        }
        return SendOutcome.accepted(messageId);
    }

    private SendOutcome failed(Throwable cause) {
        if (cause instanceof GenericNackResponseException) {
            return SubmitStatuses.outcome(
                    ((GenericNackResponseException) cause).getCommandStatus(), null, settings.throttledFor());
        }
        if (cause instanceof TimeoutException) {
            return SendOutcome.transientFailure("no submit_sm_resp within " + settings.responseTimeout());
        }
        if (cause instanceof IOException) {
            return SendOutcome.transientFailure("SMPP connection: " + cause.getMessage());
        }
        return SendOutcome.transientFailure("submit_sm failed: " + cause);
    }

    /** Sends of one reservation in flight at once: every session's window. */
    @Override
    public int window() {
        return settings.sessions() * settings.windowPerSession();
    }

    @Override
    public boolean reportsDelivery() {
        return settings.registeredDelivery();
    }

    /** {@return the sessions bound now}, senders and the receiver */
    public int boundSessions() {
        return sessions.boundSessions();
    }

    /** {@return the successful binds since start}, first ones and rebinds */
    public int binds() {
        return sessions.binds();
    }

    /**
     * {@return the receipts refused since start}: neither their text nor their parameters could be read, or the
     * engine refused them
     */
    public long unreadableReceipts() {
        return receipts.unreadableReceipts();
    }

    /** Unbinds every session; submits still unanswered end as transient failures. */
    @Override
    public void close() {
        sessions.close();
    }
}
