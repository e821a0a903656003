package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.ChargeTable;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.BillingTotalTable;
import io.msgsvc.spi.BillingLedger;
import org.jooq.Query;
import org.jooq.Record;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The ledger: the charge's primary key is its delivery, and the per-customer total moves in the same transaction. */
final class JdbcBillingLedger implements BillingLedger {
    private static final int CHUNK = 1000;

    private final Db db;

    JdbcBillingLedger(Db db) {
        this.db = db;
    }

    @Override
    public List<Charge> charge(List<Charge> charges) {
        if (charges.isEmpty()) {
            return List.of();
        }
        return db.tx(ctx -> {
            Map<DeliveryId, Charge> fresh = new LinkedHashMap<>();
            charges.forEach(c -> fresh.putIfAbsent(c.deliveryId(), c));
            Set<UUID> reservations = new HashSet<>();
            Set<Integer> sequences = new HashSet<>();
            fresh.keySet().forEach(d -> {
                reservations.add(d.reservationId().value());
                sequences.add(d.sequence());
            });
            // a superset of the charges already there; the exact ones are removed by key (inline, the sends are new)
            if (!db.projectingInline()) {
                ctx.select(ChargeTable.RESERVATION_ID, ChargeTable.SEQ).from(ChargeTable.T)
                        .where(ChargeTable.RESERVATION_ID.in(reservations)).and(ChargeTable.SEQ.in(sequences))
                        .forEach(row -> fresh.remove(new DeliveryId(new ReservationId(row.value1()), row.value2())));
            }
            if (fresh.isEmpty()) {
                return List.<Charge>of();
            }
            List<Charge> added = List.copyOf(fresh.values());
            for (int start = 0; start < added.size(); start += CHUNK) {
                var insert = ctx.insertInto(ChargeTable.T, ChargeTable.RESERVATION_ID, ChargeTable.SEQ,
                        ChargeTable.CUSTOMER_ID, ChargeTable.AMOUNT, ChargeTable.CHARGED_AT);
                for (Charge c : added.subList(start, Math.min(added.size(), start + CHUNK))) {
                    insert = insert.values(c.deliveryId().reservationId().value(), c.deliveryId().sequence(),
                            c.customerId(), c.amount(), Db.ts(c.chargedAt()));
                }
                insert.execute();
            }
            Map<String, BillingTotals> sums = new LinkedHashMap<>();
            for (Charge c : added) {
                sums.merge(c.customerId(), new BillingTotals(c.customerId(), 1, c.amount()),
                        (a, b) -> new BillingTotals(a.customerId(), a.charges() + b.charges(),
                                a.amount().add(b.amount())));
            }
            List<Query> upserts = new ArrayList<>();
            for (BillingTotals t : sums.values()) {
                upserts.add(ctx.insertInto(BillingTotalTable.T, BillingTotalTable.CUSTOMER_ID,
                                BillingTotalTable.CHARGES, BillingTotalTable.AMOUNT)
                        .values(t.customerId(), t.charges(), t.amount())
                        .onConflict(BillingTotalTable.CUSTOMER_ID).doUpdate()
                        .set(BillingTotalTable.CHARGES, BillingTotalTable.CHARGES.plus(t.charges()))
                        .set(BillingTotalTable.AMOUNT, BillingTotalTable.AMOUNT.plus(t.amount())));
            }
            ctx.batch(upserts).execute();
            return added;
        });
    }

    @Override
    public BillingTotals totals(String customerId) {
        Record row = db.read(ctx -> ctx.select(BillingTotalTable.CHARGES, BillingTotalTable.AMOUNT).from(BillingTotalTable.T)
                .where(BillingTotalTable.CUSTOMER_ID.eq(customerId)).fetchOne());
        return row == null ? new BillingTotals(customerId, 0, BigDecimal.ZERO)
                : new BillingTotals(customerId, row.get(BillingTotalTable.CHARGES), row.get(BillingTotalTable.AMOUNT));
    }

    @Override
    public List<Charge> charges(ReservationId reservationId) {
        return db.read(ctx -> ctx.select(ChargeTable.SEQ, ChargeTable.CUSTOMER_ID, ChargeTable.AMOUNT, ChargeTable.CHARGED_AT).from(ChargeTable.T)
                .where(ChargeTable.RESERVATION_ID.eq(reservationId.value())).orderBy(ChargeTable.SEQ)
                .fetch(row -> new Charge(new DeliveryId(reservationId, row.get(ChargeTable.SEQ)), row.get(ChargeTable.CUSTOMER_ID),
                        row.get(ChargeTable.AMOUNT), Db.instant(row.get(ChargeTable.CHARGED_AT)))));
    }
}
