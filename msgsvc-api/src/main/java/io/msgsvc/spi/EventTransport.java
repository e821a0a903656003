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
     * Registers one consumer (a projection: "status", "billing", "statistics", "dashboard", or several projected
     * together: "billing+statistics+status+dashboard"), before {@link #start()}. The handler takes events in
     * batches, in order per reservation; a handler that throws gets the batch again later.
     *
     * @param consumerName the consumer's name, unique per transport (a broker's consumer group is named by it)
     * @param handler      takes each batch of events
     * @throws IllegalStateException if the transport was started already
     */
    void subscribe(String consumerName, Consumer<List<ReservationEvent>> handler);

    /**
     * Registers a consumer that is told each event's outbox position where the transport carries it (see
     * {@link #publishEntries}); an event without one comes with {@link OutboxEntry#NO_POSITION}. The default
     * subscribes to the events alone, each without a position. A transport that carries positions must give each
     * consumer one reservation's entries in the order published and never one before an entry of the same
     * reservation published earlier that this consumer has not had (no gap, no reordering, as a broker keeps one
     * key's records): consumers take an entry at or below the position they applied for one seen before.
     *
     * @param consumerName the consumer's name, unique per transport
     * @param handler      takes each batch of entries
     * @throws IllegalStateException if the transport was started already
     */
    default void subscribeEntries(String consumerName, Consumer<List<OutboxEntry>> handler) {
        subscribe(consumerName, events -> handler.accept(OutboxEntry.unpositioned(events)));
    }

    /** Begins delivering events to the subscribed consumers. */
    void start();

    /**
     * Hands events on in order; returns once they are safely accepted, throws if they were not. A transport to other
     * processes may be called inside the relay's storage transaction (holding the outbox): it should answer within a
     * bounded time and not use the storage on the calling thread.
     *
     * @param events the events, in outbox order
     * @throws Exception if they were not accepted: the relay keeps them in the outbox and publishes them again
     */
    void publish(List<ReservationEvent> events) throws Exception;

    /**
     * Hands outbox entries on in order, as {@link #publish}, carrying each one's position to consumers that
     * {@linkplain #subscribeEntries subscribed to entries}: the same event published again (a relay that died before
     * its commit) comes with the same position. The default publishes the events alone.
     *
     * @param entries the entries, in outbox order
     * @throws Exception if they were not accepted
     */
    default void publishEntries(List<OutboxEntry> entries) throws Exception {
        publish(OutboxEntry.events(entries));
    }

    /**
     * True when published events reach only the subscribers of this process, as an in-process hand-over does. An
     * engine that projects every event itself may then project them in the transaction that writes them and skip
     * the transport; a broker (or a test double standing for one) answers false, so events still travel through
     * it.
     *
     * @return true for an in-process transport
     */
    default boolean reachesOnlyThisProcess() {
        return false;
    }

    /**
     * Whether the broker behind this transport answers, for the engine's {@code health()}; read at the pace of a
     * health check, so it must not block: a transport that looks at its broker does so in the background and
     * answers what it last saw. The default, for a transport with no broker to lose (in process), is reachable.
     *
     * @return the transport's health now
     */
    default TransportHealth health() {
        return TransportHealth.reachable(getClass().getSimpleName(), null);
    }

    /**
     * Stops delivering events and lets go of what the transport holds (connections, threads). The engine calls it
     * on close, after its last events were published.
     */
    @Override
    void close();
}
