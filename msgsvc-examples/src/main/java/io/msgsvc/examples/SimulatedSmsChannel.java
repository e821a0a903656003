package io.msgsvc.examples;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake SMS gateway: answers after a random latency and fails now and then, permanently (a bad number) or
 * transiently (throttled). Like a real provider it honours the idempotency key: a key it accepted before is
 * answered with the same reference and the SMS is not sent again.
 *
 * <p>Configured once through {@link #builder()}; thread-safe.
 */
public final class SimulatedSmsChannel implements MessageChannel {
    private final int minLatencyMillis;
    private final int maxLatencyMillis;
    private final double permanentFailureRate;
    private final double transientFailureRate;
    private final Random random;
    private final Map<String, String> acceptedReferences = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    private SimulatedSmsChannel(Builder b) {
        this.minLatencyMillis = b.minLatencyMillis;
        this.maxLatencyMillis = b.maxLatencyMillis;
        this.permanentFailureRate = b.permanentFailureRate;
        this.transientFailureRate = b.transientFailureRate;
        this.random = new Random(b.seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SendOutcome send(OutboundMessage message) throws InterruptedException {
        calls.incrementAndGet();
        // the network round trip; an engine timeout interrupts it like a dropped connection
        Thread.sleep(latencyMillis());

        String known = acceptedReferences.get(message.idempotencyKey());
        if (known != null) {
            return SendOutcome.accepted(known);
        }
        double roll = random.nextDouble();
        if (roll < permanentFailureRate) {
            return SendOutcome.permanentFailure("unknown subscriber " + message.recipient());
        }
        if (roll < permanentFailureRate + transientFailureRate) {
            return SendOutcome.transientFailure("gateway throttled, try again");
        }
        // two calls racing with one key must still send one SMS: only the call that stores the key sends
        String reference = "sms-" + Long.toHexString(random.nextLong());
        String previous = acceptedReferences.putIfAbsent(message.idempotencyKey(), reference);
        if (previous != null) {
            return SendOutcome.accepted(previous);
        }
        delivered.incrementAndGet();
        return SendOutcome.accepted(reference);
    }

    /** SMS that actually reached a handset: each accepted idempotency key counts once. */
    public long delivered() {
        return delivered.get();
    }

    /** Every call the engine made, retries and repeats included. */
    public long calls() {
        return calls.get();
    }

    private long latencyMillis() {
        if (maxLatencyMillis == minLatencyMillis) {
            return minLatencyMillis;
        }
        return minLatencyMillis + random.nextInt(maxLatencyMillis - minLatencyMillis + 1);
    }

    public static final class Builder {
        private int minLatencyMillis = 5;
        private int maxLatencyMillis = 20;
        private double permanentFailureRate;
        private double transientFailureRate;
        private long seed = 42;

        private Builder() {}

        /** Each call takes between {@code minMillis} and {@code maxMillis}, evenly spread. */
        public Builder latency(int minMillis, int maxMillis) {
            if (minMillis < 0 || maxMillis < minMillis) {
                throw new IllegalArgumentException("need 0 <= min <= max latency, was " + minMillis + ".." + maxMillis);
            }
            this.minLatencyMillis = minMillis;
            this.maxLatencyMillis = maxMillis;
            return this;
        }

        /** Share of calls refused for good; default 0. */
        public Builder permanentFailureRate(double rate) {
            this.permanentFailureRate = rate(rate, "permanentFailureRate");
            return this;
        }

        /** Share of calls refused for now; default 0. */
        public Builder transientFailureRate(double rate) {
            this.transientFailureRate = rate(rate, "transientFailureRate");
            return this;
        }

        /** Same seed, same sequence of dice rolls (the order of calls still depends on thread timing). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SimulatedSmsChannel build() {
            if (permanentFailureRate + transientFailureRate > 1.0) {
                throw new IllegalArgumentException(
                        "failure rates add up to more than 1: " + (permanentFailureRate + transientFailureRate));
            }
            return new SimulatedSmsChannel(this);
        }

        private static double rate(double value, String name) {
            if (value < 0 || value > 1 || Double.isNaN(value)) {
                throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
            }
            return value;
        }
    }
}
