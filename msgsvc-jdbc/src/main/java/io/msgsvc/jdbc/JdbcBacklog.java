package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.instant;
import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.jdbc.Schema.OutboxTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.OutboxBacklog;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The health figures of the dispatch queue and the outbox, each one bounded read: the derived tables stop at the
 * limit, and walk the indexes the claims and the relay use (due time of open reservations; unpublished outbox rows
 * by position), so a large backlog costs no more to measure than the limit.
 */
final class JdbcBacklog {
    private JdbcBacklog() {}

    static DispatchBacklog dispatch(DSLContext ctx, Instant now, int limit) {
        LocalDateTime at = ts(now);
        // IN rather than < CLOSED: MySQL and H2 then range-scan (phase, due_at) for each open phase
        Condition due = ReservationTable.PHASE
                .in(ReservationTable.SCHEDULED, ReservationTable.DISPATCHING)
                .and(ReservationTable.DUE_AT.le(at));
        Condition claimable = due.and(ReservationTable.PAUSED.isFalse())
                .and(ReservationTable.LEASE_UNTIL.isNull().or(ReservationTable.LEASE_UNTIL.le(at)));
        Table<?> waiting = ctx.select(ReservationTable.DUE_AT)
                .from(ReservationTable.T)
                .where(claimable)
                .orderBy(ReservationTable.DUE_AT)
                .limit(limit)
                .asTable("waiting");
        Record2<Integer, LocalDateTime> w = ctx.select(DSL.count(), DSL.min(waiting.field(ReservationTable.DUE_AT)))
                .from(waiting)
                .fetchOne();
        // leased rows are due ones: a claim takes only due reservations, and leaves the due time as it was
        Table<?> leased = ctx.select(ReservationTable.LEASE_OWNER, ReservationTable.LEASE_UNTIL)
                .from(ReservationTable.T)
                .where(due.and(ReservationTable.LEASE_OWNER.isNotNull()))
                .limit(limit)
                .asTable("leased");
        Field<String> owner = leased.field(ReservationTable.LEASE_OWNER);
        // counted inside the aggregate: PostgreSQL would not match a grouped CASE to the selected one (their binds)
        Field<Integer> live = DSL.sum(
                        DSL.when(leased.field(ReservationTable.LEASE_UNTIL).gt(at), 1)
                                .otherwise(0))
                .cast(Integer.class);
        Field<Integer> leases = DSL.count();
        int liveLeases = 0;
        int expiredLeases = 0;
        List<String> liveOwners = new ArrayList<>();
        List<String> expiredOwners = new ArrayList<>();
        for (Record row :
                ctx.select(owner, live, leases).from(leased).groupBy(owner).fetch()) {
            int ownerLive = row.get(live);
            int ownerExpired = row.get(leases) - ownerLive;
            liveLeases += ownerLive;
            expiredLeases += ownerExpired;
            if (ownerLive > 0) {
                liveOwners.add(row.get(owner));
            }
            if (ownerExpired > 0) {
                expiredOwners.add(row.get(owner));
            }
        }
        return new DispatchBacklog(
                w.value1(), instant(w.value2()), liveLeases, expiredLeases, liveOwners, expiredOwners, now);
    }

    static OutboxBacklog outbox(DSLContext ctx, int limit) {
        Table<?> unpublished = ctx.select(OutboxTable.CREATED_AT)
                .from(OutboxTable.T)
                .where(OutboxTable.PUBLISHED_AT.isNull())
                .orderBy(OutboxTable.OUTBOX_ID)
                .limit(limit)
                .asTable("unpublished");
        Record2<Integer, LocalDateTime> row = ctx.select(
                        DSL.count(), DSL.min(unpublished.field(OutboxTable.CREATED_AT)))
                .from(unpublished)
                .fetchOne();
        return row.value1() == 0 ? OutboxBacklog.EMPTY : new OutboxBacklog(row.value1(), instant(row.value2()));
    }
}
