package io.msgsvc.spi;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.Refund;
import io.msgsvc.api.ReservationId;
import java.util.List;

/** Charges and refunds, each unique per delivery, with each customer's running totals. */
public interface BillingLedger {

    /**
     * Adds the charges whose deliveries were not charged before, and moves the customers' totals by them.
     *
     * @param tx            the open transaction
     * @param charges       charges, at most one per delivery
     * @param deduplication whether a delivery may have been charged before
     * @return the charges added now
     */
    List<Charge> charge(StorageTx tx, List<Charge> charges, Deduplication deduplication);

    /**
     * Refunds the charges of these deliveries, each of the amount it was charged: a delivery never charged, or
     * refunded before, is left alone. Moves the customers' refund totals.
     *
     * @param tx            the open transaction
     * @param refunds       requests ({@link Refund#of}); their amount is ignored
     * @param deduplication whether a delivery may have been refunded before
     * @return the refunds added now, with their amounts
     */
    List<Refund> refund(StorageTx tx, List<Refund> refunds, Deduplication deduplication);

    /**
     * @param customerId the customer
     * @return the customer's running totals; zero for a customer never charged
     */
    BillingTotals totals(String customerId);

    /**
     * One reservation's charges, in recipient order.
     *
     * @param reservationId the reservation
     * @return its charges; empty when none
     */
    List<Charge> charges(ReservationId reservationId);

    /**
     * One reservation's refunds, in recipient order.
     *
     * @param reservationId the reservation
     * @return its refunds; empty when none
     */
    List<Refund> refunds(ReservationId reservationId);
}
