package io.msgsvc.spi;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import java.time.Instant;

/** The final result of one delivery, to record once. */
public record DeliveryResult(
        DeliveryId deliveryId, DeliveryState state, int attempts, String detail, Instant completedAt) {
    public DeliveryResult {
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("a result needs a terminal state: " + state);
        }
    }
}
