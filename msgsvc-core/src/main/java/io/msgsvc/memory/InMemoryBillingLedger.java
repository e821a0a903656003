package io.msgsvc.memory;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.Refund;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.StorageTx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The ledger in memory; the delivery id is the unique key of charges and of refunds, whatever the deduplication mode. */
final class InMemoryBillingLedger implements BillingLedger {
    private final InMemoryStorage storage;
    private final Map<DeliveryId, Charge> charges = new LinkedHashMap<>();
    private final Map<DeliveryId, Refund> refunds = new LinkedHashMap<>();
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
            move(memory, charge.customerId(), 1, charge.amount(), 0, BigDecimal.ZERO);
        }
        return added;
    }

    @Override
    public List<Refund> refund(StorageTx tx, List<Refund> batch, Deduplication deduplication) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<Refund> added = new ArrayList<>();
        for (Refund request : batch) {
            Charge charged = charges.get(request.deliveryId());
            if (charged == null || refunds.containsKey(request.deliveryId())) {
                continue;
            }
            Refund refund = request.withAmount(charged.amount());
            refunds.put(refund.deliveryId(), refund);
            memory.onRollback(() -> refunds.remove(refund.deliveryId()));
            added.add(refund);
            move(memory, refund.customerId(), 0, BigDecimal.ZERO, 1, refund.amount());
        }
        return added;
    }

    private void move(
            InMemoryTx memory, String customer, long charged, BigDecimal amount, long refunded, BigDecimal back) {
        BillingTotals before = totalsByCustomer.get(customer);
        BillingTotals base = before != null ? before : zero(customer);
        totalsByCustomer.put(
                customer,
                new BillingTotals(
                        customer,
                        base.charges() + charged,
                        base.amount().add(amount),
                        base.refunds() + refunded,
                        base.refundedAmount().add(back)));
        memory.onRollback(() -> {
            if (before == null) {
                totalsByCustomer.remove(customer);
            } else {
                totalsByCustomer.put(customer, before);
            }
        });
    }

    private static BillingTotals zero(String customerId) {
        return new BillingTotals(customerId, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
    }

    @Override
    public BillingTotals totals(String customerId) {
        return storage.read(() -> totalsByCustomer.getOrDefault(customerId, zero(customerId)));
    }

    @Override
    public List<Charge> charges(ReservationId reservationId) {
        return storage.read(() -> ofReservation(charges.values(), reservationId, Charge::deliveryId));
    }

    @Override
    public List<Refund> refunds(ReservationId reservationId) {
        return storage.read(() -> ofReservation(refunds.values(), reservationId, Refund::deliveryId));
    }

    private static <T> List<T> ofReservation(
            Collection<T> entries, ReservationId reservationId, Function<T, DeliveryId> delivery) {
        List<T> result = new ArrayList<>();
        for (T entry : entries) {
            if (delivery.apply(entry).reservationId().equals(reservationId)) {
                result.add(entry);
            }
        }
        result.sort(Comparator.comparingInt(entry -> delivery.apply(entry).sequence()));
        return result;
    }
}
