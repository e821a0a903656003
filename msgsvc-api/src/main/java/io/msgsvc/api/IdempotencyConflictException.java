package io.msgsvc.api;

/** The idempotency key was used before by the same customer for a different request. */
public class IdempotencyConflictException extends MsgsvcException {
    /** The reservation the key already names. */
    private final ReservationId existing;

    /**
     * @param customerId     the customer who used the key
     * @param idempotencyKey the key used again
     * @param existing       the reservation the key already names
     */
    public IdempotencyConflictException(String customerId, String idempotencyKey, ReservationId existing) {
        super("idempotencyKey: '" + idempotencyKey + "' of customer '" + customerId
                + "' was already used for a different request (reservation " + existing + ")");
        this.existing = existing;
    }

    /** @return the reservation the key already names, made by the first request */
    public ReservationId existing() {
        return existing;
    }
}
