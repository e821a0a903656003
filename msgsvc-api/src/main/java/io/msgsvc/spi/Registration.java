package io.msgsvc.spi;

import io.msgsvc.api.Reservation;

/**
 * What {@link Registrations#register} did.
 *
 * @param reservation        the reservation stored now, or the one the idempotency key already named
 * @param created            false when the customer's idempotency key already named a reservation, which is returned
 * @param requestFingerprint the stored reservation's request fingerprint
 */
public record Registration(Reservation reservation, boolean created, String requestFingerprint) {}
