package io.msgsvc.spi;

/**
 * The store's answer to recorded results.
 *
 * @param recorded        how many results were written; fewer than given means another node, or a cancellation,
 *                        got to some deliveries first
 * @param cancelRequested the customer asked to cancel the reservation: send nothing more (and the issue mark was
 *                        not raised)
 * @param leaseHeld       the writer still holds the lease; if not, the mark was not raised and it must stop
 * @param pauseRequested  the customer paused the reservation: send nothing more, let the calls in flight end and
 *                        release the lease keeping the mark (which was not raised)
 */
public record ResultAck(int recorded, boolean cancelRequested, boolean leaseHeld, boolean pauseRequested) {

    /**
     * An answer with no pause asked.
     *
     * @param recorded        how many results were written
     * @param cancelRequested the customer asked to cancel the reservation
     * @param leaseHeld       the writer still holds the lease
     */
    public ResultAck(int recorded, boolean cancelRequested, boolean leaseHeld) {
        this(recorded, cancelRequested, leaseHeld, false);
    }
}
