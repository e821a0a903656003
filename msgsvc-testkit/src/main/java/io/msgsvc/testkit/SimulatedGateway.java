package io.msgsvc.testkit;

import io.msgsvc.api.AsyncMessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A gateway with an asynchronous client, as an SMPP session or a non-blocking HTTP client looks to the engine: each
 * send is answered {@code latency} after it was issued, on a timer thread, as the script says. It keeps every call
 * in the order it was issued, counts the calls in flight and the most there ever were, and can hold answers back for
 * good (a gateway that went silent).
 */
public final class SimulatedGateway implements AsyncMessageChannel, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-gateway");
        t.setDaemon(true);
        return t;
    });
    private final Duration latency;
    private final List<OutboundMessage> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Function<OutboundMessage, SendOutcome> script =
            m -> SendOutcome.accepted("gw-" + m.idempotencyKey());
    private volatile Predicate<OutboundMessage> heldBack = m -> false;

    /**
     * A gateway that accepts every send, with {@code gw-} and the idempotency key as the provider reference.
     *
     * @param latency how long after its call each send is answered
     */
    public SimulatedGateway(Duration latency) {
        this.latency = latency;
    }

    /**
     * Replaces the script for later calls; an exception it throws fails the send.
     *
     * @param script the outcome of each call
     * @return this gateway
     */
    public SimulatedGateway answerWith(Function<OutboundMessage, SendOutcome> script) {
        this.script = Objects.requireNonNull(script, "script");
        return this;
    }

    /**
     * From now on, the calls {@code unanswered} selects are taken and never answered, as by a gateway that went
     * silent or a node that died with them in flight; {@code m -> false} answers every later call again.
     *
     * @param unanswered selects the calls never answered
     */
    public void holdBack(Predicate<OutboundMessage> unanswered) {
        this.heldBack = Objects.requireNonNull(unanswered, "unanswered");
    }

    @Override
    public CompletionStage<SendOutcome> sendAsync(OutboundMessage message) {
        calls.add(message);
        CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
        if (heldBack.test(message)) {
            return answer;
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Function<OutboundMessage, SendOutcome> answering = script;
        timer.schedule(
                () -> {
                    inFlight.decrementAndGet();
                    try {
                        answer.complete(answering.apply(message));
                    } catch (RuntimeException e) {
                        answer.completeExceptionally(e);
                    }
                },
                latency.toNanos(),
                TimeUnit.NANOSECONDS);
        return answer;
    }

    /** {@return every call so far, in the order issued} */
    public List<OutboundMessage> calls() {
        return List.copyOf(calls);
    }

    /**
     * {@return the calls for one reservation, in the order issued}
     *
     * @param id the reservation
     */
    public List<OutboundMessage> callsFor(ReservationId id) {
        return calls.stream()
                .filter(m -> m.deliveryId().reservationId().equals(id))
                .toList();
    }

    /**
     * {@return the sequences called for one reservation, in the order issued}; a repeated one appears once per call
     *
     * @param id the reservation
     */
    public List<Integer> sequencesCalled(ReservationId id) {
        return callsFor(id).stream().map(m -> m.deliveryId().sequence()).toList();
    }

    /** {@return the most calls that were ever awaiting their answer at once}, held-back ones not counted */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
