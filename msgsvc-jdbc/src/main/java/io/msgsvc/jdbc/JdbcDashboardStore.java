package io.msgsvc.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.jdbc.Schema.DashboardTable;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.Progress;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The dashboard read model; rows customers poll are served from a cache the projection keeps current. */
final class JdbcDashboardStore implements DashboardStore {
    private static final String CONSUMER = "dashboard";

    private final Db db;
    private final Cache<ReservationId, DashboardView> cache;

    JdbcDashboardStore(Db db, Cache<ReservationId, DashboardView> cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public List<DashboardView> apply(StorageTx tx, List<ProgressUpdate> updates, Deduplication deduplication) {
        if (updates.isEmpty()) {
            return List.of();
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<UUID, ProgressUpdate> byEvent = new LinkedHashMap<>();
        updates.forEach(u -> byEvent.putIfAbsent(u.eventId(), u));
        Set<UUID> fresh = AppliedEvents.fresh(db, ctx, CONSUMER, byEvent.keySet(), deduplication);
        if (fresh.isEmpty()) {
            return List.of();
        }
        Map<UUID, ProgressDelta> firstOfReservation = new TreeMap<>();
        for (UUID id : fresh) {
            ProgressDelta d = byEvent.get(id).delta();
            firstOfReservation.putIfAbsent(d.reservationId().value(), d);
        }
        // the Reserved event creates its row: inserted before any locking read, because on MariaDB/MySQL a
        // locking read of a row not there yet locks the gap, and two registrations locking one gap deadlock
        List<UUID> created = firstOfReservation.entrySet().stream()
                .filter(e -> e.getValue().total() > 0)
                .map(Map.Entry::getKey)
                .toList();
        insertEmptyRows(ctx, created, firstOfReservation, true);
        Map<UUID, DashboardView> current = lockRows(ctx, firstOfReservation.keySet());
        // a row may not exist yet (its Reserved event comes later): create it empty
        List<UUID> missing = firstOfReservation.keySet().stream()
                .filter(id -> !current.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            insertEmptyRows(ctx, missing, firstOfReservation, false);
            current.putAll(lockRows(ctx, missing));
        }
        List<DashboardView> views = new ArrayList<>();
        for (UUID id : fresh) {
            ProgressDelta d = byEvent.get(id).delta();
            DashboardView row = current.get(d.reservationId().value());
            DashboardView next = progress(row).plus(d).toDashboardView(row.reservationId(), row.customerId());
            current.put(d.reservationId().value(), next);
            views.add(next);
        }
        List<Object[]> writes = new ArrayList<>();
        for (UUID id : firstOfReservation.keySet()) {
            DashboardView v = current.get(id);
            writes.add(new Object[] {
                v.total(),
                v.sent(),
                v.failed(),
                v.cancelled(),
                v.awaiting(),
                v.delivered(),
                v.undelivered(),
                v.status() == null ? null : v.status().name(),
                Db.ts(v.updatedAt()),
                Db.ts(v.startedAt()),
                Db.ts(v.nextSendAt()),
                id
            });
        }
        db.plain.updateEach(ctx, db.statements.writeDashboard, writes);
        // the cache needs each reservation's latest view only, not one put per event
        List<DashboardView> latest =
                firstOfReservation.keySet().stream().map(current::get).toList();
        tx.afterCommit(() -> latest.forEach(view -> cache.put(view.reservationId(), view)));
        return views;
    }

    /** A row as a progress to fold events into; the dashboard keeps no reason. */
    private static Progress progress(DashboardView row) {
        return new Progress(
                row.total(),
                row.sent(),
                row.failed(),
                row.cancelled(),
                row.awaiting(),
                row.delivered(),
                row.undelivered(),
                row.status(),
                null,
                row.updatedAt(),
                row.startedAt(),
                row.nextSendAt());
    }

    private static void insertEmptyRows(
            DSLContext ctx, List<UUID> ids, Map<UUID, ProgressDelta> firstOfReservation, boolean mayExist) {
        if (ids.isEmpty()) {
            return;
        }
        var insert = ctx.insertInto(
                DashboardTable.T,
                DashboardTable.RESERVATION_ID,
                DashboardTable.CUSTOMER_ID,
                DashboardTable.TOTAL,
                DashboardTable.SENT,
                DashboardTable.FAILED,
                DashboardTable.CANCELLED,
                DashboardTable.CREATED_AT,
                DashboardTable.UPDATED_AT);
        for (UUID id : ids) {
            ProgressDelta d = firstOfReservation.get(id);
            insert = insert.values(id, d.customerId(), 0, 0, 0, 0, Db.ts(d.at()), Db.ts(d.at()));
        }
        if (mayExist) {
            insert.onConflict(DashboardTable.RESERVATION_ID).doNothing().execute(); // a row an earlier event made
        } else {
            insert.execute();
        }
    }

    /** The dashboard rows of these reservations, locked ({@link Db#lockRows}), as views by reservation id. */
    private Map<UUID, DashboardView> lockRows(DSLContext ctx, Collection<UUID> ids) {
        Map<UUID, DashboardView> rows = new HashMap<>();
        db.lockRows(
                        ctx,
                        db.statements.lockDashboard,
                        DashboardTable.T,
                        DashboardTable.ALL,
                        DashboardTable.RESERVATION_ID,
                        ids)
                .forEach(row -> rows.put(row.get(DashboardTable.RESERVATION_ID), toView(row)));
        return rows;
    }

    @Override
    public Optional<DashboardView> find(ReservationId id) {
        DashboardView cached = cache.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DashboardView> found = db.read(ctx -> Optional.ofNullable(ctx.select(DashboardTable.ALL)
                        .from(DashboardTable.T)
                        .where(DashboardTable.RESERVATION_ID.eq(id.value()))
                        .fetchOne())
                .map(JdbcDashboardStore::toView));
        found.ifPresent(view -> cache.put(id, view));
        return found;
    }

    @Override
    public Page<DashboardView> findByCustomer(String customerId, PageRequest page) {
        return db.read(ctx -> {
            int total = ctx.fetchCount(DashboardTable.T, DashboardTable.CUSTOMER_ID.eq(customerId));
            List<DashboardView> items = ctx.select(DashboardTable.ALL)
                    .from(DashboardTable.T)
                    .where(DashboardTable.CUSTOMER_ID.eq(customerId))
                    .orderBy(DashboardTable.CREATED_AT.desc(), DashboardTable.RESERVATION_ID.desc())
                    .limit(page.size())
                    .offset(page.offset())
                    .fetch(JdbcDashboardStore::toView);
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    private static DashboardView toView(Record row) {
        String status = row.get(DashboardTable.STATUS);
        return new DashboardView(
                new ReservationId(row.get(DashboardTable.RESERVATION_ID)),
                row.get(DashboardTable.CUSTOMER_ID),
                row.get(DashboardTable.TOTAL),
                row.get(DashboardTable.SENT),
                row.get(DashboardTable.FAILED),
                row.get(DashboardTable.CANCELLED),
                row.get(DashboardTable.AWAITING),
                row.get(DashboardTable.DELIVERED),
                row.get(DashboardTable.UNDELIVERED),
                status == null ? null : ReservationStatus.valueOf(status),
                Db.instant(row.get(DashboardTable.UPDATED_AT)),
                Db.instant(row.get(DashboardTable.STARTED_AT)),
                Db.instant(row.get(DashboardTable.NEXT_SEND_AT)));
    }
}
