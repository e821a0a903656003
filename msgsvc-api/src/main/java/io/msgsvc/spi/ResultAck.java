package io.msgsvc.spi;

/**
 * The store's answer to a recorded result.
 *
 * @param recorded        false when the delivery already had a result (another node, or a cancellation, got there
 *                        first): nothing was written
 * @param cancelRequested the customer asked to cancel the reservation: send nothing more
 */
public record ResultAck(boolean recorded, boolean cancelRequested) {
}
