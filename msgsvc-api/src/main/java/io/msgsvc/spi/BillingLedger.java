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
     * @return the charges added now
     */
    List<Charge> charge(StorageTx tx, List<Charge> charges, Deduplication deduplication);

    /**
     * Refunds the charges of these deliveries, each of the amount it was charged: a delivery never charged, or
     * refunded before, is left alone. Moves the customers' refund totals.
     *
     * @param refunds requests ({@link Refund#of}); their amount is ignored
     * @return the refunds added now, with their amounts
     */
    List<Refund> refund(StorageTx tx, List<Refund> refunds, Deduplication deduplication);

    BillingTotals totals(String customerId);

    /** One reservation's charges, in recipient order. */
    List<Charge> charges(ReservationId reservationId);

    /** One reservation's refunds, in recipient order. */
    List<Refund> refunds(ReservationId reservationId);
}
