package io.msgsvc.memory;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BillingLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger in memory; the delivery id is its unique key. */
final class InMemoryBillingLedger implements BillingLedger {
    private final Map<DeliveryId, Charge> charges = new LinkedHashMap<>();
    private final Map<String, BillingTotals> totalsByCustomer = new HashMap<>();

    @Override
    public synchronized List<Charge> charge(List<Charge> batch) {
        List<Charge> added = new ArrayList<>();
        for (Charge charge : batch) {
            if (charges.putIfAbsent(charge.deliveryId(), charge) != null) {
                continue;
            }
            added.add(charge);
            totalsByCustomer.merge(
                    charge.customerId(),
                    new BillingTotals(charge.customerId(), 1, charge.amount()),
                    (a, b) -> new BillingTotals(
                            a.customerId(), a.charges() + 1, a.amount().add(b.amount())));
        }
        return added;
    }

    @Override
    public synchronized BillingTotals totals(String customerId) {
        return totalsByCustomer.getOrDefault(customerId, new BillingTotals(customerId, 0, BigDecimal.ZERO));
    }

    @Override
    public synchronized List<Charge> charges(ReservationId reservationId) {
        List<Charge> result = new ArrayList<>();
        for (Charge c : charges.values()) {
            if (c.deliveryId().reservationId().equals(reservationId)) {
                result.add(c);
            }
        }
        result.sort(java.util.Comparator.comparingInt(c -> c.deliveryId().sequence()));
        return result;
    }
}
