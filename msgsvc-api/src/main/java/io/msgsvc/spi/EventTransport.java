package io.msgsvc.spi;

import io.msgsvc.api.ReservationEvent;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries outbox events to the consumers that project them: in the same process, or across processes through a
 * broker. Delivery is at least once; consumers apply each event once by its id.
 */
public interface EventTransport extends AutoCloseable {

    /**
     * Registers one consumer (a projection: "status", "billing", "statistics", "dashboard"), before
     * {@link #start()}. A handler that throws gets the event again later.
     */
    void subscribe(String consumerName, Consumer<ReservationEvent> handler);

    /** Begins delivering events to the subscribed consumers. */
    void start();

    /** Hands events on in order; returns once they are safely accepted, throws if they were not. */
    void publish(List<ReservationEvent> events) throws Exception;

    @Override
    void close();
}
