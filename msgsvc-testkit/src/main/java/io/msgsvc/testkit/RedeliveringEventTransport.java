package io.msgsvc.testkit;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.OutboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-process transport that behaves like a broker after a crash or rebalance: besides delivering each event,
 * it delivers some events again, immediately or later among newer ones. Projections must not count them twice.
 */
public final class RedeliveringEventTransport implements EventTransport {
    private final Random random;
    private final double redeliveryRate;
    private final List<OutboxEntry> history = new ArrayList<>();
    private final AtomicLong redelivered = new AtomicLong();
    private final java.util.Map<String, Consumer<List<OutboxEntry>>> consumers = new java.util.LinkedHashMap<>();
    private volatile boolean started;

    /**
     * @param redeliveryRate chance, per delivered event, that one earlier event is delivered again
     * @param seed           makes a run repeatable
     */
    public RedeliveringEventTransport(double redeliveryRate, long seed) {
        if (redeliveryRate < 0 || redeliveryRate > 1) {
            throw new IllegalArgumentException("redeliveryRate must be within [0, 1]: " + redeliveryRate);
        }
        this.redeliveryRate = redeliveryRate;
        this.random = new Random(seed);
    }

    @Override
    public void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {
        subscribeEntries(consumerName, entries -> handler.accept(OutboxEntry.events(entries)));
    }

    /** Delivers each event with its outbox position, an event delivered again with the same one, as a broker does. */
    @Override
    public synchronized void subscribeEntries(String consumerName, Consumer<List<OutboxEntry>> handler) {
        consumers.put(consumerName, handler);
    }

    /** {@return the names the consumers subscribed under, in the order they subscribed} */
    public synchronized List<String> consumerNames() {
        return List.copyOf(consumers.keySet());
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void publish(List<ReservationEvent> events) {
        publishEntries(OutboxEntry.unpositioned(events));
    }

    @Override
    public synchronized void publishEntries(List<OutboxEntry> entries) {
        if (!started) {
            throw new IllegalStateException("transport not started");
        }
        // the batch as published, with some earlier events again among it
        List<OutboxEntry> batch = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            batch.add(entry);
            history.add(entry);
            if (random.nextDouble() < redeliveryRate) {
                // recent events are the likeliest to be redelivered, as after an uncommitted offset
                int back = Math.min(history.size(), 1 + random.nextInt(50));
                batch.add(history.get(history.size() - back));
                redelivered.incrementAndGet();
            }
        }
        consumers.values().forEach(c -> c.accept(List.copyOf(batch)));
        if (history.size() > 10_000) {
            history.subList(0, history.size() - 1_000).clear();
        }
    }

    /** {@return how many extra deliveries were made} */
    public long redeliveries() {
        return redelivered.get();
    }

    @Override
    public void close() {
        started = false;
    }
}
