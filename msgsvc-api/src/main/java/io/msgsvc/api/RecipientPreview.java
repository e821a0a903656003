package io.msgsvc.api;

import java.math.BigDecimal;

/**
 * One recipient of a {@link Preview}: the text it would be sent, what that costs in the channel's units, and its
 * price.
 *
 * @param index         its position in the reservation's recipient list, from 0 (after the duplicate policy)
 * @param recipient     the address
 * @param text          the text it would be sent: the reservation's, rendered with its variables
 * @param size          the message type, units and, if it cannot be sent, why
 * @param cost          what its send would be charged: 0 when it would not be sent
 * @param skipped       why it would not be sent although its text fits (an opt-out), or null
 * @param expiresUnsent it would be sent, but its turn would come at or after the reservation's expiry, at the
 *                      sending speed that applies: it would end {@link DeliveryState#EXPIRED_UNSENT}, not charged.
 *                      Only a recipient that would otherwise be sent is shown so; one that would not keeps its reason
 */
public record RecipientPreview(
        int index,
        String recipient,
        String text,
        MessageSize size,
        BigDecimal cost,
        String skipped,
        boolean expiresUnsent) {

    /**
     * One whose turn would come before any expiry.
     *
     * @param index     its position in the reservation's recipient list, from 0
     * @param recipient the address
     * @param text      the text it would be sent
     * @param size      the message type, units and, if it cannot be sent, why
     * @param cost      what its send would be charged
     * @param skipped   why it would not be sent although its text fits, or null
     */
    public RecipientPreview(
            int index, String recipient, String text, MessageSize size, BigDecimal cost, String skipped) {
        this(index, recipient, text, size, cost, skipped, false);
    }

    /**
     * Whether it would be sent and charged.
     *
     * @return true when its text fits, nothing skips it and its turn comes before the expiry
     */
    public boolean sendable() {
        return size.fits() && skipped == null && !expiresUnsent;
    }
}
