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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** The status projection in SQL: status and counts on the reservation row, one update per reservation per batch. */
final class JdbcStatusStore implements StatusStore {
    private static final String CONSUMER = "status";
    /** The status columns a batch writes, in the order they are bound. */
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
    /** What a batch reads of the rows it locks: the status columns and the id. */
    static final List<Field<?>> STATUS_LOCKED = Stream.concat(STATUS_COLUMNS.stream(), Stream.of(ReservationTable.ID))
            .toList();

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
        Map<UUID, Progress> current = new HashMap<>();
        db.lockRows(
                        ctx,
                        db.statements.lockStatus,
                        ReservationTable.T,
                        STATUS_LOCKED,
                        ReservationTable.ID,
                        byReservation.keySet())
                .forEach(row -> current.put(row.get(ReservationTable.ID), progress(row)));
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

    /** The row's status as a progress; its total is not kept here (the reservation has its recipient count). */
    private static Progress progress(Record row) {
        return new Progress(
                0,
                row.get(ReservationTable.SENT_COUNT),
                row.get(ReservationTable.FAILED_COUNT),
                row.get(ReservationTable.CANCELLED_COUNT),
                row.get(ReservationTable.AWAITING_COUNT),
                row.get(ReservationTable.DELIVERED_COUNT),
                row.get(ReservationTable.UNDELIVERED_COUNT),
                ReservationStatus.valueOf(row.get(ReservationTable.STATUS)),
                row.get(ReservationTable.STATUS_REASON),
                instant(row.get(ReservationTable.UPDATED_AT)));
    }
}
