package io.msgsvc.api;

import java.math.BigDecimal;

/**
 * One recipient of a {@link Preview}: the text it would be sent, what that costs in the channel's units, and its
 * price.
 *
 * @param index     its position in the reservation's recipient list, from 0 (after the duplicate policy)
 * @param recipient the address
 * @param text      the text it would be sent: the reservation's, rendered with its variables
 * @param size      the message type, units and, if it cannot be sent, why
 * @param cost      what its send would be charged: 0 when it would not be sent
 * @param skipped   why it would not be sent although its text fits (an opt-out), or null
 */
public record RecipientPreview(
        int index, String recipient, String text, MessageSize size, BigDecimal cost, String skipped) {

    /**
     * Whether it would be sent and charged.
     *
     * @return true when its text fits and nothing skips it
     */
    public boolean sendable() {
        return size.fits() && skipped == null;
    }
}
