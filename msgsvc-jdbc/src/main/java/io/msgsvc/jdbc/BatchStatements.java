package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.DashboardTable;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import org.jooq.impl.DSL;

/**
 * The statements every batch of results runs for one reservation (its row locked and its mark raised, its pending
 * deliveries found, its status and dashboard row read and written), rendered by jOOQ once for this database and
 * run with plain JDBC ({@link PlainJdbc}): rendering them again on every execution cost more than
 * most of them. Parameters are bound in the order each statement's comment gives.
 */
final class BatchStatements {
    /** The reservation row locked before results are written: cancel asked, mark, lease owner, paused; by id. */
    final String lockForResults;
    /** Raises the issue mark: mark, id. */
    final String raiseMark;
    /** Sequences still pending in a range: reservation id, first, last, pending state. */
    final String pendingInRange;
    /** One reservation's status row, locked: by id. */
    final String lockStatus;
    /** Writes one reservation's status: status, reason, six counts, updated at, id. */
    final String writeStatus;
    /** One reservation's dashboard row, locked: by id. */
    final String lockDashboard;
    /** Writes one dashboard row: seven counts, status, updated at, started at, next send at, id. */
    final String writeDashboard;

    BatchStatements(Db db) {
        lockForResults = db.render(DSL.select(
                        ReservationTable.CANCEL_REQUESTED,
                        ReservationTable.ISSUED_THROUGH,
                        ReservationTable.LEASE_OWNER,
                        ReservationTable.PAUSED)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(DSL.param(ReservationTable.ID)))
                .forUpdate());
        raiseMark = db.render(DSL.update(ReservationTable.T)
                .set(ReservationTable.ISSUED_THROUGH, DSL.param(ReservationTable.ISSUED_THROUGH))
                .where(ReservationTable.ID.eq(DSL.param(ReservationTable.ID))));
        pendingInRange = db.render(DSL.select(DeliveryTable.SEQ)
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(DSL.param(DeliveryTable.RESERVATION_ID)))
                .and(DeliveryTable.SEQ.between(DSL.param(DeliveryTable.SEQ), DSL.param(DeliveryTable.SEQ)))
                .and(DeliveryTable.STATE.eq(DSL.param(DeliveryTable.STATE))));
        lockStatus = db.render(DSL.select(JdbcStatusStore.STATUS_COLUMNS)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.eq(DSL.param(ReservationTable.ID)))
                .forUpdate());
        writeStatus = db.render(DSL.update(ReservationTable.T)
                .set(ReservationTable.STATUS, DSL.param(ReservationTable.STATUS))
                .set(ReservationTable.STATUS_REASON, DSL.param(ReservationTable.STATUS_REASON))
                .set(ReservationTable.SENT_COUNT, DSL.param(ReservationTable.SENT_COUNT))
                .set(ReservationTable.FAILED_COUNT, DSL.param(ReservationTable.FAILED_COUNT))
                .set(ReservationTable.CANCELLED_COUNT, DSL.param(ReservationTable.CANCELLED_COUNT))
                .set(ReservationTable.AWAITING_COUNT, DSL.param(ReservationTable.AWAITING_COUNT))
                .set(ReservationTable.DELIVERED_COUNT, DSL.param(ReservationTable.DELIVERED_COUNT))
                .set(ReservationTable.UNDELIVERED_COUNT, DSL.param(ReservationTable.UNDELIVERED_COUNT))
                .set(ReservationTable.UPDATED_AT, DSL.param(ReservationTable.UPDATED_AT))
                .where(ReservationTable.ID.eq(DSL.param(ReservationTable.ID))));
        lockDashboard = db.render(DSL.select(DashboardTable.ALL)
                .from(DashboardTable.T)
                .where(DashboardTable.RESERVATION_ID.eq(DSL.param(DashboardTable.RESERVATION_ID)))
                .forUpdate());
        writeDashboard = db.render(DSL.update(DashboardTable.T)
                .set(DashboardTable.TOTAL, DSL.param(DashboardTable.TOTAL))
                .set(DashboardTable.SENT, DSL.param(DashboardTable.SENT))
                .set(DashboardTable.FAILED, DSL.param(DashboardTable.FAILED))
                .set(DashboardTable.CANCELLED, DSL.param(DashboardTable.CANCELLED))
                .set(DashboardTable.AWAITING, DSL.param(DashboardTable.AWAITING))
                .set(DashboardTable.DELIVERED, DSL.param(DashboardTable.DELIVERED))
                .set(DashboardTable.UNDELIVERED, DSL.param(DashboardTable.UNDELIVERED))
                .set(DashboardTable.STATUS, DSL.param(DashboardTable.STATUS))
                .set(DashboardTable.UPDATED_AT, DSL.param(DashboardTable.UPDATED_AT))
                .set(DashboardTable.STARTED_AT, DSL.param(DashboardTable.STARTED_AT))
                .set(DashboardTable.NEXT_SEND_AT, DSL.param(DashboardTable.NEXT_SEND_AT))
                .where(DashboardTable.RESERVATION_ID.eq(DSL.param(DashboardTable.RESERVATION_ID))));
    }
}
