package io.msgsvc.spi;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import java.time.Instant;

/**
 * The send result of one delivery, to record once: final ({@code SENT}, {@code FAILED}), or {@code SUBMITTED} to a
 * channel that reports delivery, with the provider's reference as {@code detail}.
 */
public record DeliveryResult(
        DeliveryId deliveryId, DeliveryState state, int attempts, String detail, Instant completedAt) {
    public DeliveryResult {
        if (!state.hasSendResult()) {
            throw new IllegalArgumentException("a result needs a send result: " + state);
        }
    }
}
