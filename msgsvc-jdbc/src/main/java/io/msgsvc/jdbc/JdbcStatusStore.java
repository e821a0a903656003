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
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;

/** The status projection in SQL: status and counts on the reservation row, one update per reservation per batch. */
final class JdbcStatusStore implements StatusStore {
    private static final String CONSUMER = "status";

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
        // rows locked in id order, so two batches touching the same reservations cannot deadlock
        Map<UUID, Progress> current = new HashMap<>();
        ctx.select(
                        ReservationTable.ID,
                        ReservationTable.STATUS,
                        ReservationTable.STATUS_REASON,
                        ReservationTable.SENT_COUNT,
                        ReservationTable.FAILED_COUNT,
                        ReservationTable.CANCELLED_COUNT,
                        ReservationTable.AWAITING_COUNT,
                        ReservationTable.DELIVERED_COUNT,
                        ReservationTable.UNDELIVERED_COUNT,
                        ReservationTable.UPDATED_AT)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.in(byReservation.keySet()))
                .orderBy(ReservationTable.ID)
                .forUpdate()
                .forEach(row -> current.put(row.get(ReservationTable.ID), progress(row)));
        List<Query> writes = new ArrayList<>();
        byReservation.forEach((id, deltas) -> {
            Progress p = current.get(id);
            if (p == null) {
                return; // an event of a reservation this store never had: nothing to update
            }
            for (ProgressDelta d : deltas) {
                p = p.plus(d);
            }
            writes.add(ctx.update(ReservationTable.T)
                    .set(ReservationTable.STATUS, p.status().name())
                    .set(ReservationTable.STATUS_REASON, Db.truncate(p.reason()))
                    .set(ReservationTable.SENT_COUNT, p.sent())
                    .set(ReservationTable.FAILED_COUNT, p.failed())
                    .set(ReservationTable.CANCELLED_COUNT, p.cancelled())
                    .set(ReservationTable.AWAITING_COUNT, p.awaiting())
                    .set(ReservationTable.DELIVERED_COUNT, p.delivered())
                    .set(ReservationTable.UNDELIVERED_COUNT, p.undelivered())
                    .set(ReservationTable.UPDATED_AT, ts(p.updatedAt()))
                    .where(ReservationTable.ID.eq(id)));
        });
        Db.execute(ctx, writes);
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
