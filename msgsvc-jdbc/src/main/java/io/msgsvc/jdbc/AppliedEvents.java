package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.AppliedEventTable;
import io.msgsvc.spi.Deduplication;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** The records that a consumer applied events, written in the same transaction as the effects. */
final class AppliedEvents {
    private static final int CHUNK = 1000;

    private AppliedEvents() {}

    /**
     * The events to apply now: all of them when they are new by construction, else those this consumer had not
     * applied yet, recorded as applied in this transaction.
     */
    static Set<UUID> fresh(Db db, DSLContext ctx, String consumer, Collection<UUID> eventIds, Deduplication d) {
        return d == Deduplication.NOT_NEEDED ? new LinkedHashSet<>(eventIds) : markApplied(db, ctx, consumer, eventIds);
    }

    /**
     * Records the events this consumer had not applied yet and returns their ids. A concurrent transaction that
     * records one of them first makes this one fail on the primary key, and {@link Db#inTransaction} runs it again.
     */
    private static Set<UUID> markApplied(Db db, DSLContext ctx, String consumer, Collection<UUID> eventIds) {
        // the time of applying, not of the event: retention must not drop the record of an event applied late
        LocalDateTime at = Db.ts(Instant.now());
        Set<UUID> fresh = new LinkedHashSet<>(eventIds);
        if (fresh.isEmpty()) {
            return fresh;
        }
        if (db.isPostgres()) {
            return insertReturningNew(ctx, consumer, List.copyOf(fresh), at);
        }
        List<UUID> all = List.copyOf(fresh);
        for (int start = 0; start < all.size(); start += CHUNK) {
            List<UUID> chunk = all.subList(start, Math.min(all.size(), start + CHUNK));
            fresh.removeAll(ctx.select(AppliedEventTable.EVENT_ID)
                    .from(AppliedEventTable.T)
                    .where(AppliedEventTable.CONSUMER.eq(consumer))
                    .and(AppliedEventTable.EVENT_ID.in(chunk))
                    .fetchSet(AppliedEventTable.EVENT_ID));
        }
        List<UUID> toInsert = List.copyOf(fresh);
        for (int start = 0; start < toInsert.size(); start += CHUNK) {
            var insert = ctx.insertInto(
                    AppliedEventTable.T,
                    AppliedEventTable.CONSUMER,
                    AppliedEventTable.EVENT_ID,
                    AppliedEventTable.APPLIED_AT);
            for (UUID id : toInsert.subList(start, Math.min(toInsert.size(), start + CHUNK))) {
                insert = insert.values(consumer, id, at);
            }
            insert.execute();
        }
        return fresh;
    }

    private static final String INSERT_NEW_POSTGRES =
            "insert into msgsvc_applied_event (consumer, event_id, applied_at)"
                    + " select ?, e, ?::timestamp from unnest(?::uuid[]) as u(e)"
                    + " on conflict do nothing returning event_id";

    /**
     * One statement binding the ids as an array: each id is a primary-key probe (a lookup of hundreds of ids by IN
     * list can be planned as a scan of the whole consumer's records before the table has statistics), and jOOQ
     * would render and bind a row per id, which costs more than the insert.
     */
    private static Set<UUID> insertReturningNew(DSLContext ctx, String consumer, List<UUID> ids, LocalDateTime at) {
        Set<UUID> inserted = new LinkedHashSet<>();
        ctx.connection(c -> {
            try (PreparedStatement statement = c.prepareStatement(INSERT_NEW_POSTGRES)) {
                statement.setString(1, consumer);
                statement.setString(2, at.toString());
                statement.setArray(3, c.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        // keep the caller's order
        Set<UUID> fresh = new LinkedHashSet<>(ids);
        fresh.retainAll(inserted);
        return fresh;
    }
}
