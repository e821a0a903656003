package io.msgsvc.api;

import java.time.Instant;

/**
 * One recipient of a reservation and what became of it.
 *
 * @param attempts    channel calls made so far
 * @param detail      provider reference when sent, the last error otherwise (may be null)
 * @param completedAt when it reached its terminal state (null while pending)
 */
public record Delivery(
        DeliveryId id, String recipient, DeliveryState state, int attempts, String detail, Instant completedAt) {
    public int sequence() {
        return id.sequence();
    }
}
