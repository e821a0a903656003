package io.msgsvc.spi;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.ReservationId;
import java.util.List;

/** Charges, unique per delivery, with each customer's running total. */
public interface BillingLedger {

    /**
     * Adds the charges whose deliveries were not charged before, and moves the customers' totals by them.
     *
     * @return the charges added now
     */
    List<Charge> charge(StorageTx tx, List<Charge> charges, Deduplication deduplication);

    BillingTotals totals(String customerId);

    /** One reservation's charges, in recipient order. */
    List<Charge> charges(ReservationId reservationId);
}
