package io.msgsvc.api;

/** The idempotency key was used before by the same customer for a different request. */
public class IdempotencyConflictException extends MsgsvcException {
    private final ReservationId existing;

    public IdempotencyConflictException(String customerId, String idempotencyKey, ReservationId existing) {
        super("idempotencyKey: '" + idempotencyKey + "' of customer '" + customerId
                + "' was already used for a different request (reservation " + existing + ")");
        this.existing = existing;
    }

    public ReservationId existing() {
        return existing;
    }
}
