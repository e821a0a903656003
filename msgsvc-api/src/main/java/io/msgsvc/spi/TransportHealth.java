package io.msgsvc.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link EventTransport} says about the broker it carries events through, for readiness checks. A broker
 * that does not answer degrades an engine instead of stopping it: sending needs only the storage, the relay keeps
 * events in the outbox and retries, and consumers catch up once the broker is back.
 *
 * @param transport what carries the events, for people ("Kafka at broker:9092")
 * @param reachable whether the broker answered the transport's last look
 * @param problem   why it did not (the failure, as text); null when reachable
 * @param since     when the transport last found the broker reachable or not, whichever it is now; null when it
 *                  does not look
 */
public record TransportHealth(String transport, boolean reachable, String problem, Instant since) {

    /**
     * Checks the fields.
     *
     * @param transport what carries the events, not null
     * @param reachable whether the broker answered
     * @param problem   why it did not; null exactly when reachable
     * @param since     since when; may be null
     * @throws NullPointerException     if {@code transport} is null
     * @throws IllegalArgumentException if an unreachable broker comes without its problem, or a reachable one with one
     */
    public TransportHealth {
        Objects.requireNonNull(transport, "transport");
        if (reachable != (problem == null)) {
            throw new IllegalArgumentException(
                    "problem must be given exactly when the broker is unreachable, was " + problem);
        }
    }

    /**
     * A broker that answers.
     *
     * @param transport what carries the events
     * @param since     since when; null when the transport does not look
     * @return the health
     */
    public static TransportHealth reachable(String transport, Instant since) {
        return new TransportHealth(transport, true, null, since);
    }

    /**
     * A broker that does not answer.
     *
     * @param transport what carries the events
     * @param problem   why (the failure, as text), not null
     * @param since     since when
     * @return the health
     */
    public static TransportHealth unreachable(String transport, String problem, Instant since) {
        return new TransportHealth(transport, false, Objects.requireNonNull(problem, "problem"), since);
    }
}
