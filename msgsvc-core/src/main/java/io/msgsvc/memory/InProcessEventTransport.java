package io.msgsvc.memory;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.EventTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Hands each published batch straight to every consumer, in subscription order, on the publishing thread. */
public final class InProcessEventTransport implements EventTransport {
    private final Map<String, Consumer<List<ReservationEvent>>> consumers = new LinkedHashMap<>();
    private volatile boolean started;

    @Override
    public synchronized void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler) {
        if (started) {
            throw new IllegalStateException("subscribe before start");
        }
        consumers.put(consumerName, handler);
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void publish(List<ReservationEvent> events) {
        if (!started) {
            throw new IllegalStateException("transport not started");
        }
        for (Consumer<List<ReservationEvent>> consumer : consumers.values()) {
            consumer.accept(events);
        }
    }

    @Override
    public boolean reachesOnlyThisProcess() {
        return true;
    }

    @Override
    public void close() {
        started = false;
    }
}
