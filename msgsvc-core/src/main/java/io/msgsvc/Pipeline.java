package io.msgsvc;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.MessageSize;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The channel calls of one dispatch that are in flight at once. Calls are issued by the dispatching thread, in the
 * order it issues them; their answers come back on whatever thread ends them and are taken, one at a time, by the
 * dispatching thread again, so everything a dispatch keeps is touched by one thread only. A call that outlasts the
 * timeout is cancelled and ends as a transient failure; its answer, should it still come, is ignored, and the send
 * goes again later with the same idempotency key.
 */
final class Pipeline {

    /**
     * One ended call: the delivery, the attempt it was, the channel's answer, how long it took, and whether it was
     * in flight with others (pipelined) or called alone on the dispatching thread, and the size it was sent as.
     */
    record Ended(
            Delivery delivery, int attempt, SendOutcome outcome, long callNanos, boolean pipelined, MessageSize size) {
        /** A blocking call made on the dispatching thread at {@code calledAt} (nano time), ended now. */
        static Ended called(Delivery delivery, int attempt, SendOutcome outcome, long calledAt, MessageSize size) {
            return new Ended(delivery, attempt, outcome, System.nanoTime() - calledAt, false, size);
        }

        /** A send refused for its size before any call: it failed for good, and took no time. */
        static Ended refused(Delivery delivery, int attempt, MessageSize size) {
            return new Ended(delivery, attempt, SendOutcome.permanentFailure(size.violation()), 0, false, size);
        }

        /** Refused for its size, never handed to the channel: its failure is the engine's decision. */
        boolean refused() {
            return !size.fits();
        }
    }

    private record Answer(int sequence, SendOutcome outcome, Throwable failure) {}

    private static final class Flight {
        final Delivery delivery;
        final int attempt;
        final MessageSize size;
        final long startedNanos;
        final long deadlineNanos;
        Future<?> call;

        Flight(Delivery delivery, OutboundMessage message, long startedNanos, long deadlineNanos) {
            this.delivery = delivery;
            this.attempt = message.attempt();
            this.size = message.size();
            this.startedNanos = startedNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final ChannelInvoker channel;
    private final SendTrace trace;
    private final long timeoutNanos;
    /** In issue order, by sequence. */
    private final Map<Integer, Flight> flights = new LinkedHashMap<>();

    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

    Pipeline(ChannelInvoker channel, Duration timeout, SendTrace trace) {
        this.channel = channel;
        this.trace = trace;
        this.timeoutNanos = timeout.toNanos();
    }

    /** What the dispatch's calls run under, those called on the dispatching thread included. */
    SendTrace trace() {
        return trace;
    }

    int inFlight() {
        return flights.size();
    }

    /** Hands {@code message} to the channel and returns at once; its answer comes from {@link #next}. */
    void issue(Delivery delivery, OutboundMessage message) {
        long now = System.nanoTime();
        Flight flight = new Flight(delivery, message, now, now + timeoutNanos);
        int sequence = delivery.sequence();
        flights.put(sequence, flight); // before the call: its answer may come before start returns
        channel.inFlight.increment(); // down again once answered, timed out or abandoned: each ends the call once
        try {
            flight.call = channel.start(message, trace, (outcome, failure) -> {
                channel.inFlight.decrement();
                answers.add(new Answer(sequence, outcome, failure));
            });
        } catch (RuntimeException e) { // not issued (the engine is closing)
            channel.inFlight.decrement();
            flights.remove(sequence);
            throw e;
        }
    }

    /**
     * The next call to end, waiting at most {@code maxWaitNanos} for it (0: no wait); null if none ended by then.
     * A call past its deadline ends here as a transient failure.
     *
     * @throws InterruptedException the engine is stopping; the calls in flight are left to end on their own
     */
    Ended next(long maxWaitNanos) throws InterruptedException {
        long until = System.nanoTime() + maxWaitNanos;
        while (true) {
            if (Thread.interrupted()) { // a poll that does not wait would not notice
                throw new InterruptedException();
            }
            long now = System.nanoTime();
            Flight late = firstPastDeadline(now);
            if (late != null) {
                flights.remove(late.delivery.sequence());
                late.call.cancel(true);
                return ended(late, channel.timedOut(), now);
            }
            long wait = Math.max(0, until - now);
            if (!flights.isEmpty()) {
                wait = Math.min(wait, flights.values().iterator().next().deadlineNanos - now);
            }
            Answer answer = wait <= 0 ? answers.poll() : answers.poll(wait, TimeUnit.NANOSECONDS);
            if (answer == null) {
                if (System.nanoTime() - until >= 0) {
                    return null;
                }
                continue; // a deadline came first
            }
            Flight flight = flights.remove(answer.sequence());
            if (flight != null) { // else it had timed out: its answer no longer counts
                SendOutcome outcome =
                        ChannelInvoker.outcomeOf(flight.delivery.id(), answer.outcome(), answer.failure());
                return ended(flight, outcome, System.nanoTime());
            }
        }
    }

    /** The calls that have ended by now, without waiting (a call past its deadline among them). */
    List<Ended> ended() throws InterruptedException {
        if (flights.isEmpty()) {
            return List.of(); // one call at a time: nothing to look at, nothing to allocate
        }
        List<Ended> ended = new ArrayList<>();
        for (Ended next; !flights.isEmpty() && (next = next(0)) != null; ) {
            ended.add(next);
        }
        return ended;
    }

    /** Gives up on every call in flight: the engine stops or the lease was lost; the next sender repeats them. */
    void abandon() {
        for (Iterator<Flight> it = flights.values().iterator(); it.hasNext(); ) {
            it.next().call.cancel(true);
            it.remove();
        }
        answers.clear();
    }

    /** The oldest call, if past its deadline: calls are kept in issue order, and all have the same timeout. */
    private Flight firstPastDeadline(long now) {
        if (flights.isEmpty()) {
            return null;
        }
        Flight oldest = flights.values().iterator().next();
        return now - oldest.deadlineNanos >= 0 ? oldest : null;
    }

    private static Ended ended(Flight flight, SendOutcome outcome, long now) {
        return new Ended(flight.delivery, flight.attempt, outcome, now - flight.startedNanos, true, flight.size);
    }
}
