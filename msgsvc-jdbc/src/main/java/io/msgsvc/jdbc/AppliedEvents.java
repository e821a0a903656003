package io.msgsvc.jdbc;

import io.msgsvc.jdbc.Schema.AppliedEventTable;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.UUID;

/** The record that a consumer applied an event, written in the same transaction as the effect. */
final class AppliedEvents {
    private AppliedEvents() {
    }

    /** True if this is the first time; false if the consumer applied this event before. */
    static boolean markApplied(Db db, DSLContext ctx, String consumer, UUID eventId, Instant at) {
        return db.insertIfAbsent(ctx, AppliedEventTable.T,
                Db.row(AppliedEventTable.CONSUMER, consumer, AppliedEventTable.EVENT_ID, eventId,
                        AppliedEventTable.APPLIED_AT, Db.ts(at)),
                AppliedEventTable.CONSUMER.eq(consumer).and(AppliedEventTable.EVENT_ID.eq(eventId))) == 1;
    }
}
