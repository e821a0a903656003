package io.msgsvc.api;

/**
 * What a delivery report says. Final statuses decide the delivery's state; intermediate ones ({@link #ENROUTE},
 * {@link #ACCEPTED_BY_CARRIER}, {@link #BUFFERED}) are kept on the delivery while its report is awaited.
 */
public enum ReportStatus {
    /** Reached the handset. */
    DELIVERED(DeliveryState.DELIVERED),
    /** The carrier could not deliver it. */
    UNDELIVERED(DeliveryState.UNDELIVERED),
    /** Its validity period ran out before delivery. */
    EXPIRED(DeliveryState.EXPIRED),
    /** The carrier refused it (blocked number, spam filter): not delivered. */
    REJECTED(DeliveryState.UNDELIVERED),
    /** The provider itself does not know what became of it: final, as unknown. */
    UNKNOWN(DeliveryState.UNKNOWN),
    /** On its way. */
    ENROUTE(null),
    /** The carrier took it over from the provider. */
    ACCEPTED_BY_CARRIER(null),
    /** Held for later delivery (handset off, out of coverage). */
    BUFFERED(null);

    private final DeliveryState finalState;

    ReportStatus(DeliveryState finalState) {
        this.finalState = finalState;
    }

    /** @return true if the report decides the delivery's state, false for an intermediate one */
    public boolean isFinal() {
        return finalState != null;
    }

    /**
     * The delivery state a final report decides; null for an intermediate one.
     *
     * @return the state, or null
     */
    public DeliveryState finalState() {
        return finalState;
    }
}
