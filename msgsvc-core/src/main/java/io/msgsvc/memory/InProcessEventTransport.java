package io.msgsvc.memory;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.EventTransport;

import java.util.List;
import java.util.function.Consumer;

/** Hands each published event straight to the handler, on the publishing thread. */
public final class InProcessEventTransport implements EventTransport {
    private volatile Consumer<ReservationEvent> handler;

    @Override
    public void start(Consumer<ReservationEvent> handler) {
        this.handler = handler;
    }

    @Override
    public void publish(List<ReservationEvent> events) {
        Consumer<ReservationEvent> h = handler;
        if (h == null) {
            throw new IllegalStateException("transport not started");
        }
        for (ReservationEvent event : events) {
            h.accept(event);
        }
    }

    @Override
    public void close() {
        handler = null;
    }
}
