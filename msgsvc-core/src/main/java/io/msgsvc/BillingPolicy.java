package io.msgsvc;

import io.msgsvc.api.DeliveryState;

/**
 * When a delivery through a channel that reports delivery is billed. A channel without reports bills on acceptance
 * (its {@code SENT} is final) under either policy. Under both, each delivery is charged at most once and refunded at
 * most once, and the ledger keeps charges and refunds as separate entries.
 *
 * <ul>
 *   <li>{@link #onAcceptance()} (the default): charged when the provider accepts it; refunded when its report says
 *       undelivered or expired; a delivery without a report in time ({@code UNKNOWN}) stays charged, unless
 *       {@link #refundingUnknown()}. A late report that corrects an unknown delivery to undelivered refunds it; one
 *       that corrects a refunded unknown delivery to delivered does not charge it again (at most once).
 *   <li>{@link #onDelivery()}: charged only when its report says delivered, also when that report comes late.
 * </ul>
 */
public final class BillingPolicy {
    private final boolean chargeOnAcceptance;
    private final boolean refundUnknown;

    private BillingPolicy(boolean chargeOnAcceptance, boolean refundUnknown) {
        this.chargeOnAcceptance = chargeOnAcceptance;
        this.refundUnknown = refundUnknown;
    }

    /** {@return charging when the provider accepts a delivery}, refunding what its report says was not delivered */
    public static BillingPolicy onAcceptance() {
        return new BillingPolicy(true, false);
    }

    /** {@return charging only a delivery whose report says delivered}, also when that report comes late */
    public static BillingPolicy onDelivery() {
        return new BillingPolicy(false, false);
    }

    /**
     * {@return billing on acceptance, refunding also a delivery without a report in time}
     *
     * @throws IllegalStateException on a policy billing on delivery, which never charges an unknown delivery
     */
    public BillingPolicy refundingUnknown() {
        if (!chargeOnAcceptance) {
            throw new IllegalStateException("billing on delivery never charges an unknown delivery");
        }
        return new BillingPolicy(true, true);
    }

    /** Whether a submitted (accepted, report awaited) delivery is charged at once. */
    boolean chargesOnSubmission() {
        return chargeOnAcceptance;
    }

    /** Whether a delivery that ended (or was corrected) in {@code state} is charged then. */
    boolean chargesWhenReported(DeliveryState state) {
        return !chargeOnAcceptance && state == DeliveryState.DELIVERED;
    }

    /** Whether a delivery that ended (or was corrected) in {@code state} is refunded then. */
    boolean refundsWhenReported(DeliveryState state) {
        if (!chargeOnAcceptance) {
            return false;
        }
        return state == DeliveryState.UNDELIVERED
                || state == DeliveryState.EXPIRED
                || (state == DeliveryState.UNKNOWN && refundUnknown);
    }

    @Override
    public String toString() {
        return chargeOnAcceptance ? (refundUnknown ? "onAcceptance, refunding unknown" : "onAcceptance") : "onDelivery";
    }
}
