package io.msgsvc.memory;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.StorageTx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger in memory; the delivery id is its unique key, whatever the deduplication mode. */
final class InMemoryBillingLedger implements BillingLedger {
    private final InMemoryStorage storage;
    private final Map<DeliveryId, Charge> charges = new LinkedHashMap<>();
    private final Map<String, BillingTotals> totalsByCustomer = new HashMap<>();

    InMemoryBillingLedger(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public List<Charge> charge(StorageTx tx, List<Charge> batch, Deduplication deduplication) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<Charge> added = new ArrayList<>();
        for (Charge charge : batch) {
            if (charges.putIfAbsent(charge.deliveryId(), charge) != null) {
                continue;
            }
            memory.onRollback(() -> charges.remove(charge.deliveryId()));
            added.add(charge);
            String customer = charge.customerId();
            BillingTotals before = totalsByCustomer.get(customer);
            totalsByCustomer.put(
                    customer,
                    before == null
                            ? new BillingTotals(customer, 1, charge.amount())
                            : new BillingTotals(
                                    customer,
                                    before.charges() + 1,
                                    before.amount().add(charge.amount())));
            memory.onRollback(() -> {
                if (before == null) {
                    totalsByCustomer.remove(customer);
                } else {
                    totalsByCustomer.put(customer, before);
                }
            });
        }
        return added;
    }

    @Override
    public BillingTotals totals(String customerId) {
        return storage.read(
                () -> totalsByCustomer.getOrDefault(customerId, new BillingTotals(customerId, 0, BigDecimal.ZERO)));
    }

    @Override
    public List<Charge> charges(ReservationId reservationId) {
        return storage.read(() -> {
            List<Charge> result = new ArrayList<>();
            for (Charge c : charges.values()) {
                if (c.deliveryId().reservationId().equals(reservationId)) {
                    result.add(c);
                }
            }
            result.sort(Comparator.comparingInt(c -> c.deliveryId().sequence()));
            return result;
        });
    }
}
