package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.jdbc.Schema.OutboxTable;
import io.msgsvc.json.EventJson;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.OutboxBacklog;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.StorageTx;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The outbox in SQL: events as JSON rows, taken by one relay at a time ({@link #take}) or claimed by relays in turns
 * ({@link #poll}), and deleted once published.
 */
final class JdbcOutbox implements Outbox {
    /** How long a relay may hold events before another relay takes them: the lag after a node dies. */
    private static final Duration CLAIM = Duration.ofSeconds(10);

    private static final Table<Record> EARLIER = OutboxTable.T.as("earlier");
    private static final Field<UUID> EARLIER_RESERVATION_ID =
            DSL.field(DSL.name("earlier", "reservation_id"), SQLDataType.UUID);
    private static final Field<Long> EARLIER_OUTBOX_ID =
            DSL.field(DSL.name("earlier", "outbox_id"), SQLDataType.BIGINT);
    private static final Field<LocalDateTime> EARLIER_PUBLISHED_AT =
            DSL.field(DSL.name("earlier", "published_at"), Schema.TIME);
    private static final Field<LocalDateTime> EARLIER_CLAIMED_UNTIL =
            DSL.field(DSL.name("earlier", "claimed_until"), Schema.TIME);

    private static final String COLUMNS =
            "insert into msgsvc_outbox (event_id, reservation_id, event_type, payload, created_at)";
    private static final String INSERT = COLUMNS + " values (?, ?, ?, ?, ?)";
    private static final String INSERT_POSTGRES = COLUMNS
            + " select e, r, y, p, " + PlainJdbc.fromMicros("t")
            + " from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::int8[])"
            + " with ordinality as u(e, r, y, p, t, ord) order by ord"; // ids in event order
    private static final List<String> INSERT_TYPES = List.of("uuid", "uuid", "text", "text", "timestamp");

    private final Db db;
    private final EventJson json = new EventJson();

    JdbcOutbox(Db db) {
        this.db = db;
    }

    /**
     * One statement binding each column as an array on PostgreSQL (a sender's batch of results writes hundreds of
     * events: rendering and parsing a row of binds per event cost more than the insert), a batch elsewhere.
     */
    @Override
    public void append(StorageTx tx, List<ReservationEvent> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (ReservationEvent e : events) {
            rows.add(new Object[] {e.eventId(), e.reservationId().value(), e.type(), json.encode(e), ts(e.occurredAt())
            });
        }
        DSLContext ctx = JdbcTx.ctx(tx, db);
        if (db.isPostgres()) {
            // positions grow per reservation in commit order, which consumers' applied positions rely on
            Set<UUID> reservations = new LinkedHashSet<>();
            events.forEach(e -> reservations.add(e.reservationId().value()));
            ctx.connection(c -> JdbcAppliedPositions.takeTurn(c, reservations));
        }
        db.plain.writeRows(ctx, INSERT, INSERT_POSTGRES, INSERT_TYPES, rows);
    }

    /**
     * Claims the oldest unpublished events for a while, so relays on other nodes take other events. A relay that
     * dies holding a claim delays those events (and the later ones of the same reservations) until the claim ends.
     */
    @Override
    public List<OutboxEntry> poll(StorageTx tx, int limit) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        // one claimer at a time: a claim another relay has not committed yet would be invisible to the check
        // below, and that relay could then take a later event of the same reservation
        ctx.select(Schema.LockTable.NAME)
                .from(Schema.LockTable.T)
                .where(Schema.LockTable.NAME.eq("outbox"))
                .forUpdate()
                .fetch();
        LocalDateTime now = ts(db.now(ctx));
        List<Record3<Long, String, String>> rows = ctx.select(
                        OutboxTable.OUTBOX_ID, OutboxTable.EVENT_TYPE, OutboxTable.PAYLOAD)
                .from(OutboxTable.T)
                .where(OutboxTable.PUBLISHED_AT.isNull())
                .and(OutboxTable.CLAIMED_UNTIL.isNull().or(OutboxTable.CLAIMED_UNTIL.le(now)))
                // one reservation's events go out in order: none while an earlier one is out with another relay
                .andNotExists(ctx.selectOne()
                        .from(EARLIER)
                        .where(EARLIER_RESERVATION_ID.eq(OutboxTable.RESERVATION_ID))
                        .and(EARLIER_CLAIMED_UNTIL.gt(now))
                        .and(EARLIER_OUTBOX_ID.lt(OutboxTable.OUTBOX_ID))
                        .and(EARLIER_PUBLISHED_AT.isNull()))
                .orderBy(OutboxTable.OUTBOX_ID)
                .limit(limit)
                .forUpdate()
                .fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        ctx.update(OutboxTable.T)
                .set(OutboxTable.CLAIMED_UNTIL, now.plus(CLAIM))
                .where(OutboxTable.OUTBOX_ID.in(
                        rows.stream().map(Record3::value1).toList()))
                .execute();
        return rows.stream()
                .map(row -> new OutboxEntry(row.value1(), json.decode(row.value2(), row.value3())))
                .toList();
    }

    /**
     * The oldest unpublished events, without claiming them: the relay holds the outbox lock until it has published
     * and deleted them in this transaction, and other relays skip the lock instead of waiting for it.
     */
    @Override
    public boolean takesUnderLock() {
        return true;
    }

    @Override
    public List<OutboxEntry> take(StorageTx tx, int limit) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        boolean mine = !ctx.select(Schema.LockTable.NAME)
                .from(Schema.LockTable.T)
                .where(Schema.LockTable.NAME.eq("outbox"))
                .forUpdate()
                .skipLocked()
                .fetch()
                .isEmpty();
        if (!mine) {
            return List.of();
        }
        return ctx.select(OutboxTable.OUTBOX_ID, OutboxTable.EVENT_TYPE, OutboxTable.PAYLOAD)
                .from(OutboxTable.T)
                .where(OutboxTable.PUBLISHED_AT.isNull())
                .orderBy(OutboxTable.OUTBOX_ID)
                .limit(limit)
                .fetch()
                .map(row -> new OutboxEntry(row.value1(), json.decode(row.value2(), row.value3())));
    }

    /**
     * Deletes the published rows: a table of only unpublished rows stays small, so taking the oldest stays cheap,
     * and a delete writes less than marking each row.
     */
    @Override
    public void markPublished(StorageTx tx, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Long[] positions = entries.stream().map(OutboxEntry::position).toArray(Long[]::new);
        JdbcTx.ctx(tx, db)
                .deleteFrom(OutboxTable.T)
                // on PostgreSQL one array bound for a take of thousands, not a parameter rendered and bound each
                .where(
                        db.isPostgres()
                                ? OutboxTable.OUTBOX_ID.eq(DSL.any(positions))
                                : OutboxTable.OUTBOX_ID.in(positions))
                .execute();
    }

    @Override
    public OutboxBacklog backlog(int limit) {
        return db.read(ctx -> JdbcBacklog.outbox(ctx, limit));
    }
}
