package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.DashboardTable;
import com.github.benmanes.caffeine.cache.Cache;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.ProgressDelta;
import org.jooq.Record;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
    public Optional<DashboardView> apply(UUID eventId, ProgressDelta d) {
        Optional<DashboardView> updated = db.tx(ctx -> {
            if (!AppliedEvents.markApplied(db, ctx, CONSUMER, eventId, d.at())) {
                return Optional.<DashboardView>empty();
            }
            UUID id = d.reservationId().value();
            // the row may not exist yet when events arrive out of order: create it empty, then add
            db.insertIfAbsent(ctx, DashboardTable.T,
                    Db.row(DashboardTable.RESERVATION_ID, id, DashboardTable.CUSTOMER_ID, d.customerId(),
                            DashboardTable.TOTAL, 0, DashboardTable.SENT, 0, DashboardTable.FAILED, 0,
                            DashboardTable.CANCELLED, 0, DashboardTable.CREATED_AT, Db.ts(d.at()),
                            DashboardTable.UPDATED_AT, Db.ts(d.at())),
                    DashboardTable.RESERVATION_ID.eq(id));
            Record row = ctx.select(DashboardTable.ALL).from(DashboardTable.T).where(DashboardTable.RESERVATION_ID.eq(id)).forUpdate().fetchSingle();
            DashboardView current = toView(row);
            DashboardView next = new DashboardView(current.reservationId(), current.customerId(),
                    current.total() + d.total(), current.sent() + d.sent(), current.failed() + d.failed(),
                    current.cancelled() + d.cancelled(), d.nextStatus(current.status()), d.at());
            ctx.update(DashboardTable.T).set(DashboardTable.TOTAL, next.total()).set(DashboardTable.SENT, next.sent()).set(DashboardTable.FAILED, next.failed())
                    .set(DashboardTable.CANCELLED, next.cancelled())
                    .set(DashboardTable.STATUS, next.status() == null ? null : next.status().name())
                    .set(DashboardTable.UPDATED_AT, Db.ts(d.at()))
                    .where(DashboardTable.RESERVATION_ID.eq(id)).execute();
            return Optional.of(next);
        });
        updated.ifPresent(view -> cache.put(view.reservationId(), view));
        return updated;
    }

    @Override
    public Optional<DashboardView> find(ReservationId id) {
        DashboardView cached = cache.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DashboardView> found = db.read(ctx -> Optional.ofNullable(
                ctx.select(DashboardTable.ALL).from(DashboardTable.T).where(DashboardTable.RESERVATION_ID.eq(id.value())).fetchOne()).map(JdbcDashboardStore::toView));
        found.ifPresent(view -> cache.put(id, view));
        return found;
    }

    @Override
    public Page<DashboardView> findByCustomer(String customerId, PageRequest page) {
        return db.read(ctx -> {
            int total = ctx.fetchCount(DashboardTable.T, DashboardTable.CUSTOMER_ID.eq(customerId));
            List<DashboardView> items = ctx.select(DashboardTable.ALL).from(DashboardTable.T).where(DashboardTable.CUSTOMER_ID.eq(customerId))
                    .orderBy(DashboardTable.CREATED_AT.desc(), DashboardTable.RESERVATION_ID.desc()).limit(page.size()).offset(page.offset())
                    .fetch(JdbcDashboardStore::toView);
            return new Page<>(items, page.page(), page.size(), total);
        });
    }

    private static DashboardView toView(Record row) {
        String status = row.get(DashboardTable.STATUS);
        return new DashboardView(new ReservationId(row.get(DashboardTable.RESERVATION_ID)), row.get(DashboardTable.CUSTOMER_ID),
                row.get(DashboardTable.TOTAL), row.get(DashboardTable.SENT), row.get(DashboardTable.FAILED), row.get(DashboardTable.CANCELLED),
                status == null ? null : ReservationStatus.valueOf(status), Db.instant(row.get(DashboardTable.UPDATED_AT)));
    }
}
