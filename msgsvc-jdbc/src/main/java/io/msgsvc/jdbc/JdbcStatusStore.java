package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.instant;
import static io.msgsvc.jdbc.Db.ts;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.Progress;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StatusStore;
import io.msgsvc.spi.StorageTx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;

/** The status projection in SQL: status and counts on the reservation row, one update per reservation per batch. */
final class JdbcStatusStore implements StatusStore {
    private static final String CONSUMER = "status";
    /** The status columns in the order {@link #progress} reads them. */
    static final List<Field<?>> STATUS_COLUMNS = List.of(
            ReservationTable.STATUS,
            ReservationTable.STATUS_REASON,
            ReservationTable.SENT_COUNT,
            ReservationTable.FAILED_COUNT,
            ReservationTable.CANCELLED_COUNT,
            ReservationTable.AWAITING_COUNT,
            ReservationTable.DELIVERED_COUNT,
            ReservationTable.UNDELIVERED_COUNT,
            ReservationTable.UPDATED_AT);

    private final Db db;
    private final Cache<ReservationId, Reservation> cache;

    JdbcStatusStore(Db db, Cache<ReservationId, Reservation> cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Set<UUID> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication) {
        if (updates.isEmpty()) {
            return Set.of();
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<UUID, ProgressUpdate> byEvent = new LinkedHashMap<>();
        updates.forEach(u -> byEvent.putIfAbsent(u.eventId(), u));
        Set<UUID> fresh = AppliedEvents.fresh(db, ctx, CONSUMER, byEvent.keySet(), deduplication);
        Map<UUID, List<ProgressDelta>> byReservation = new TreeMap<>();
        for (UUID id : fresh) {
            ProgressDelta d = byEvent.get(id).delta();
            byReservation
                    .computeIfAbsent(d.reservationId().value(), r -> new ArrayList<>())
                    .add(d);
        }
        if (byReservation.isEmpty()) {
            return fresh;
        }
        Map<UUID, Progress> current = lockRows(ctx, byReservation.keySet());
        List<Object[]> writes = new ArrayList<>();
        byReservation.forEach((id, deltas) -> {
            Progress p = current.get(id);
            if (p == null) {
                return; // an event of a reservation this store never had: nothing to update
            }
            for (ProgressDelta d : deltas) {
                p = p.plus(d);
            }
            writes.add(new Object[] {
                p.status().name(),
                Db.truncate(p.reason()),
                p.sent(),
                p.failed(),
                p.cancelled(),
                p.awaiting(),
                p.delivered(),
                p.undelivered(),
                ts(p.updatedAt()),
                id
            });
        });
        db.plain.updateEach(ctx, db.statements.writeStatus, writes);
        tx.afterCommit(() -> byReservation.keySet().forEach(id -> cache.invalidate(new ReservationId(id))));
        return fresh;
    }

    /** Rows locked in id order, so two batches touching the same reservations cannot deadlock. */
    private Map<UUID, Progress> lockRows(DSLContext ctx, Set<UUID> ids) {
        Map<UUID, Progress> current = new HashMap<>();
        if (ids.size() == 1) { // a sender's batch: one reservation, by the statement rendered once
            UUID id = ids.iterator().next();
            db.plain.query(
                    ctx, db.statements.lockStatus, rows -> rows.next() ? current.put(id, progress(rows)) : null, id);
            return current;
        }
        Result<Record> locked = ctx.select(STATUS_COLUMNS)
                .select(ReservationTable.ID)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.in(ids))
                .orderBy(ReservationTable.ID)
                .forUpdate()
                .fetch();
        try (ResultSet rows = locked.intoResultSet()) {
            while (rows.next()) {
                current.put(rows.getObject(STATUS_COLUMNS.size() + 1, UUID.class), progress(rows));
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading locked status rows", e);
        }
        return current;
    }

    /** The row's status as a progress; its total is not kept here (the reservation has its recipient count). */
    private static Progress progress(ResultSet row) throws SQLException {
        return new Progress(
                0,
                row.getInt(3),
                row.getInt(4),
                row.getInt(5),
                row.getInt(6),
                row.getInt(7),
                row.getInt(8),
                ReservationStatus.valueOf(row.getString(1)),
                row.getString(2),
                instant(row.getObject(9, LocalDateTime.class)));
    }
}
