package io.msgsvc.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The events in the outbox not yet handed to the transport, for health checks and gauges. An engine that projects
 * inline writes none; a growing backlog means no relay runs or the transport refuses.
 *
 * @param unpublished     events not yet published (up to the limit asked; the limit itself means that many or more)
 * @param oldestWrittenAt when the oldest of them was written (by the writing engine's clock); null when none waits
 */
public record OutboxBacklog(int unpublished, Instant oldestWrittenAt) {

    /** An outbox with nothing waiting. */
    public static final OutboxBacklog EMPTY = new OutboxBacklog(0, null);

    /**
     * How long the oldest waiting event has waited.
     *
     * @param now the engine's clock
     * @return from when it was written to {@code now}; zero when none waits
     */
    public Duration oldestAge(Instant now) {
        if (oldestWrittenAt == null || oldestWrittenAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestWrittenAt, now);
    }
}
