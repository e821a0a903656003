package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.ChargeTable;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.BillingTotalTable;
import io.msgsvc.spi.BillingLedger;
import org.jooq.Record;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The ledger: the charge's primary key is its delivery, and the per-customer total moves in the same transaction. */
final class JdbcBillingLedger implements BillingLedger {
    private final Db db;

    JdbcBillingLedger(Db db) {
        this.db = db;
    }

    @Override
    public boolean charge(Charge charge) {
        return db.tx(ctx -> {
            UUID reservation = charge.deliveryId().reservationId().value();
            int seq = charge.deliveryId().sequence();
            int inserted = db.insertIfAbsent(ctx, ChargeTable.T,
                    Db.row(ChargeTable.RESERVATION_ID, reservation, ChargeTable.SEQ, seq,
                            ChargeTable.CUSTOMER_ID, charge.customerId(), ChargeTable.AMOUNT, charge.amount(),
                            ChargeTable.CHARGED_AT, Db.ts(charge.chargedAt())),
                    ChargeTable.RESERVATION_ID.eq(reservation).and(ChargeTable.SEQ.eq(seq)));
            if (inserted == 0) {
                return false;
            }
            ctx.insertInto(BillingTotalTable.T, BillingTotalTable.CUSTOMER_ID, BillingTotalTable.CHARGES, BillingTotalTable.AMOUNT)
                    .values(charge.customerId(), 1L, charge.amount())
                    .onConflict(BillingTotalTable.CUSTOMER_ID).doUpdate()
                    .set(BillingTotalTable.CHARGES, BillingTotalTable.CHARGES.plus(1L))
                    .set(BillingTotalTable.AMOUNT, BillingTotalTable.AMOUNT.plus(charge.amount()))
                    .execute();
            return true;
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
