package io.msgsvc.spi;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import java.time.Instant;

/**
 * The send result of one delivery, to record once: final ({@code SENT}, {@code FAILED}), or {@code SUBMITTED} to a
 * channel that reports delivery, with the provider's reference as {@code detail}.
 *
 * @param deliveryId  the delivery
 * @param state       its send result: sent, failed or submitted
 * @param attempts    channel calls made for it
 * @param detail      the provider's reference when accepted (may be null), the reason when failed
 * @param completedAt when the channel answered
 */
public record DeliveryResult(
        DeliveryId deliveryId, DeliveryState state, int attempts, String detail, Instant completedAt) {
    /**
     * @param deliveryId  the delivery
     * @param state       its send result, not pending
     * @param attempts    channel calls made for it
     * @param detail      the provider's reference or the failure's reason
     * @param completedAt when the channel answered
     * @throws IllegalArgumentException if {@code state} is pending
     * @throws NullPointerException     if {@code state} is null
     */
    public DeliveryResult {
        if (!state.hasSendResult()) {
            throw new IllegalArgumentException("a result needs a send result: " + state);
        }
    }
}
