package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.DashboardTable;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
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
    /** One reservation's status row ({@link JdbcStatusStore#STATUS_LOCKED}), locked: by id. */
    final String lockStatus;
    /** Writes one reservation's status: its {@link JdbcStatusStore#STATUS_COLUMNS}, then the id. */
    final String writeStatus;
    /** One reservation's dashboard row (all its columns), locked: by id. */
    final String lockDashboard;
    /** Writes one dashboard row: its {@link #DASHBOARD_WRITTEN} columns, then the reservation id. */
    final String writeDashboard;

    /** The dashboard columns a batch writes, in the order they are bound. */
    static final List<Field<?>> DASHBOARD_WRITTEN = List.of(
            DashboardTable.TOTAL,
            DashboardTable.SENT,
            DashboardTable.FAILED,
            DashboardTable.CANCELLED,
            DashboardTable.AWAITING,
            DashboardTable.DELIVERED,
            DashboardTable.UNDELIVERED,
            DashboardTable.STATUS,
            DashboardTable.UPDATED_AT,
            DashboardTable.STARTED_AT,
            DashboardTable.NEXT_SEND_AT);

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
        lockStatus = db.render(lockOne(ReservationTable.T, JdbcStatusStore.STATUS_LOCKED, ReservationTable.ID));
        writeStatus = db.render(updateByKey(ReservationTable.T, JdbcStatusStore.STATUS_COLUMNS, ReservationTable.ID));
        lockDashboard = db.render(lockOne(DashboardTable.T, DashboardTable.ALL, DashboardTable.RESERVATION_ID));
        writeDashboard = db.render(updateByKey(DashboardTable.T, DASHBOARD_WRITTEN, DashboardTable.RESERVATION_ID));
    }

    /** Selects {@code columns} of the row whose {@code key} equals the parameter, for update ({@link Db#lockRows}). */
    static Query lockOne(Table<?> table, List<Field<?>> columns, Field<UUID> key) {
        return DSL.select(columns).from(table).where(key.eq(DSL.param(key))).forUpdate();
    }

    /** Sets each of {@code columns} to a parameter, in their order, where {@code key} equals the last parameter. */
    private static Query updateByKey(Table<?> table, List<Field<?>> columns, Field<UUID> key) {
        Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
        columns.forEach(column -> values.put(column, DSL.param(column)));
        return DSL.update(table).set(values).where(key.eq(DSL.param(key)));
    }
}
