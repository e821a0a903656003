package io.msgsvc.spi;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.ReservationId;
import java.util.List;

/** Charges, unique per delivery. */
public interface BillingLedger {

    /**
     * Adds the charges whose deliveries were not charged before, with the customers' totals, in one transaction.
     *
     * @return the charges added now
     */
    List<Charge> charge(List<Charge> charges);

    /** Adds one charge unless its delivery was charged before; true if added. */
    default boolean charge(Charge charge) {
        return !charge(List.of(charge)).isEmpty();
    }

    BillingTotals totals(String customerId);

    List<Charge> charges(ReservationId reservationId);
}
