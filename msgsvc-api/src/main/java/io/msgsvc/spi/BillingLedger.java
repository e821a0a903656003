package io.msgsvc.spi;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.ReservationId;

import java.util.List;

/** Charges, unique per delivery. */
public interface BillingLedger {

    /** Adds the charge unless its delivery was charged before; true if added. */
    boolean charge(Charge charge);

    BillingTotals totals(String customerId);

    List<Charge> charges(ReservationId reservationId);
}
