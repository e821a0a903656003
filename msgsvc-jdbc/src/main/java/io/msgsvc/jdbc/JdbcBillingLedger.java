package io.msgsvc.jdbc;

import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.Refund;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.BillingTotalTable;
import io.msgsvc.jdbc.Schema.ChargeTable;
import io.msgsvc.jdbc.Schema.RefundTable;
import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.StorageTx;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record4;
import org.jooq.impl.DSL;

/**
 * The ledger: a charge's and a refund's primary key is its delivery, and the per-customer totals move in the same
 * transaction.
 */
final class JdbcBillingLedger implements BillingLedger {
    private static final String INSERT_CHARGE = "insert into msgsvc_charge"
            + " (reservation_id, seq, customer_id, amount, charged_at, message_type, units)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_CHARGES_POSTGRES = "insert into msgsvc_charge"
            + " (reservation_id, seq, customer_id, amount, charged_at, message_type, units)"
            + " select r, s, c, a, " + PlainJdbc.fromMicros("t") + ", m, n"
            + " from unnest(?::uuid[], ?::int4[], ?::text[], ?::numeric[], ?::int8[], ?::text[], ?::int4[])"
            + " as u(r, s, c, a, t, m, n)";
    private static final List<String> INSERT_CHARGES_TYPES =
            List.of("uuid", "int4", "text", "numeric", "timestamp", "text", "int4");

    private final Db db;
    private final Stripes stripes = new Stripes();

    JdbcBillingLedger(Db db) {
        this.db = db;
    }

    @Override
    public List<Charge> charge(StorageTx tx, List<Charge> charges, Deduplication deduplication) {
        if (charges.isEmpty()) {
            return List.of();
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<DeliveryId, Charge> fresh = new LinkedHashMap<>();
        charges.forEach(c -> fresh.putIfAbsent(c.deliveryId(), c));
        // a superset of the charges already there; the exact ones are removed by key (new sends need no lookup)
        if (deduplication == Deduplication.REQUIRED) {
            Set<UUID> reservations = new HashSet<>();
            Set<Integer> sequences = new HashSet<>();
            fresh.keySet().forEach(d -> {
                reservations.add(d.reservationId().value());
                sequences.add(d.sequence());
            });
            ctx.select(ChargeTable.RESERVATION_ID, ChargeTable.SEQ)
                    .from(ChargeTable.T)
                    .where(ChargeTable.RESERVATION_ID.in(reservations))
                    .and(ChargeTable.SEQ.in(sequences))
                    .forEach(row -> fresh.remove(new DeliveryId(new ReservationId(row.value1()), row.value2())));
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<Charge> added = List.copyOf(fresh.values());
        insertCharges(ctx, added);
        Map<String, BillingTotals> sums = new TreeMap<>();
        for (Charge c : added) {
            sums.merge(
                    c.customerId(),
                    new BillingTotals(c.customerId(), 1, c.amount(), 0, BigDecimal.ZERO),
                    JdbcBillingLedger::plus);
        }
        moveTotals(ctx, sums.values());
        return added;
    }

    @Override
    public List<Refund> refund(StorageTx tx, List<Refund> refunds, Deduplication deduplication) {
        if (refunds.isEmpty()) {
            return List.of();
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<DeliveryId, Refund> asked = new LinkedHashMap<>();
        refunds.forEach(r -> asked.putIfAbsent(r.deliveryId(), r));
        Set<UUID> reservations = new HashSet<>();
        Set<Integer> sequences = new HashSet<>();
        asked.keySet().forEach(d -> {
            reservations.add(d.reservationId().value());
            sequences.add(d.sequence());
        });
        // charged and not yet refunded; a superset by the two IN lists, narrowed by key below
        Map<DeliveryId, BigDecimal> refundable = new HashMap<>();
        ctx.select(ChargeTable.RESERVATION_ID, ChargeTable.SEQ, ChargeTable.AMOUNT)
                .from(ChargeTable.T)
                .leftJoin(RefundTable.T)
                .on(RefundTable.RESERVATION_ID.eq(ChargeTable.RESERVATION_ID).and(RefundTable.SEQ.eq(ChargeTable.SEQ)))
                .where(ChargeTable.RESERVATION_ID.in(reservations))
                .and(ChargeTable.SEQ.in(sequences))
                .and(RefundTable.SEQ.isNull())
                .forEach(row ->
                        refundable.put(new DeliveryId(new ReservationId(row.value1()), row.value2()), row.value3()));
        List<Refund> added = new ArrayList<>();
        for (Refund r : asked.values()) {
            BigDecimal charged = refundable.get(r.deliveryId());
            if (charged != null) {
                added.add(r.withAmount(charged));
            }
        }
        if (added.isEmpty()) {
            return List.of();
        }
        var insert = ctx.insertInto(
                RefundTable.T,
                RefundTable.RESERVATION_ID,
                RefundTable.SEQ,
                RefundTable.CUSTOMER_ID,
                RefundTable.AMOUNT,
                RefundTable.REFUNDED_AT,
                RefundTable.STATE);
        for (Refund r : added) {
            insert = insert.values(
                    r.deliveryId().reservationId().value(),
                    r.deliveryId().sequence(),
                    r.customerId(),
                    r.amount(),
                    Db.ts(r.refundedAt()),
                    (short) r.state().ordinal());
        }
        insert.execute();
        Map<String, BillingTotals> sums = new TreeMap<>();
        for (Refund r : added) {
            sums.merge(
                    r.customerId(),
                    new BillingTotals(r.customerId(), 0, BigDecimal.ZERO, 1, r.amount()),
                    JdbcBillingLedger::plus);
        }
        moveTotals(ctx, sums.values());
        return added;
    }

    private static BillingTotals plus(BillingTotals a, BillingTotals b) {
        return new BillingTotals(
                a.customerId(),
                a.charges() + b.charges(),
                a.amount().add(b.amount()),
                a.refunds() + b.refunds(),
                a.refundedAmount().add(b.refundedAmount()));
    }

    /** Moves each customer's totals in this node's stripe; customers in order, so two batches cannot deadlock. */
    private void moveTotals(DSLContext ctx, Collection<BillingTotals> deltas) {
        short stripe = stripes.current();
        List<Query> upserts = new ArrayList<>();
        for (BillingTotals t : deltas) {
            upserts.add(ctx.insertInto(
                            BillingTotalTable.T,
                            BillingTotalTable.CUSTOMER_ID,
                            BillingTotalTable.STRIPE,
                            BillingTotalTable.CHARGES,
                            BillingTotalTable.AMOUNT,
                            BillingTotalTable.REFUNDS,
                            BillingTotalTable.REFUNDED_AMOUNT)
                    .values(t.customerId(), stripe, t.charges(), t.amount(), t.refunds(), t.refundedAmount())
                    .onConflict(BillingTotalTable.CUSTOMER_ID, BillingTotalTable.STRIPE)
                    .doUpdate()
                    .set(BillingTotalTable.CHARGES, BillingTotalTable.CHARGES.plus(t.charges()))
                    .set(BillingTotalTable.AMOUNT, BillingTotalTable.AMOUNT.plus(t.amount()))
                    .set(BillingTotalTable.REFUNDS, BillingTotalTable.REFUNDS.plus(t.refunds()))
                    .set(
                            BillingTotalTable.REFUNDED_AMOUNT,
                            BillingTotalTable.REFUNDED_AMOUNT.plus(t.refundedAmount())));
        }
        Db.execute(ctx, upserts);
    }

    private void insertCharges(DSLContext ctx, List<Charge> charges) {
        List<Object[]> rows = new ArrayList<>(charges.size());
        for (Charge c : charges) {
            rows.add(new Object[] {
                c.deliveryId().reservationId().value(),
                c.deliveryId().sequence(),
                c.customerId(),
                c.amount(),
                Db.ts(c.chargedAt()),
                c.type().name(),
                c.units()
            });
        }
        db.plain.writeRows(ctx, INSERT_CHARGE, INSERT_CHARGES_POSTGRES, INSERT_CHARGES_TYPES, rows);
    }

    @Override
    public BillingTotals totals(String customerId) {
        Record4<BigDecimal, BigDecimal, BigDecimal, BigDecimal> row = db.read(ctx -> ctx.select(
                        DSL.sum(BillingTotalTable.CHARGES),
                        DSL.sum(BillingTotalTable.AMOUNT),
                        DSL.sum(BillingTotalTable.REFUNDS),
                        DSL.sum(BillingTotalTable.REFUNDED_AMOUNT))
                .from(BillingTotalTable.T)
                .where(BillingTotalTable.CUSTOMER_ID.eq(customerId))
                .fetchOne());
        return row == null || row.value1() == null
                ? new BillingTotals(customerId, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO)
                : new BillingTotals(
                        customerId,
                        row.value1().longValueExact(),
                        row.value2(),
                        row.value3().longValueExact(),
                        row.value4());
    }

    @Override
    public List<Refund> refunds(ReservationId reservationId) {
        return db.read(ctx -> ctx.select(
                        RefundTable.SEQ,
                        RefundTable.CUSTOMER_ID,
                        RefundTable.AMOUNT,
                        RefundTable.REFUNDED_AT,
                        RefundTable.STATE)
                .from(RefundTable.T)
                .where(RefundTable.RESERVATION_ID.eq(reservationId.value()))
                .orderBy(RefundTable.SEQ)
                .fetch(row -> new Refund(
                        new DeliveryId(reservationId, row.get(RefundTable.SEQ)),
                        row.get(RefundTable.CUSTOMER_ID),
                        row.get(RefundTable.AMOUNT),
                        Db.instant(row.get(RefundTable.REFUNDED_AT)),
                        DeliveryState.values()[row.get(RefundTable.STATE)])));
    }

    @Override
    public List<Charge> charges(ReservationId reservationId) {
        return db.read(ctx -> ctx.select(
                        ChargeTable.SEQ,
                        ChargeTable.CUSTOMER_ID,
                        ChargeTable.AMOUNT,
                        ChargeTable.CHARGED_AT,
                        ChargeTable.MESSAGE_TYPE,
                        ChargeTable.UNITS)
                .from(ChargeTable.T)
                .where(ChargeTable.RESERVATION_ID.eq(reservationId.value()))
                .orderBy(ChargeTable.SEQ)
                .fetch(row -> new Charge(
                        new DeliveryId(reservationId, row.get(ChargeTable.SEQ)),
                        row.get(ChargeTable.CUSTOMER_ID),
                        row.get(ChargeTable.AMOUNT),
                        Db.instant(row.get(ChargeTable.CHARGED_AT)),
                        MessageType.valueOf(row.get(ChargeTable.MESSAGE_TYPE)),
                        row.get(ChargeTable.UNITS))));
    }
}
