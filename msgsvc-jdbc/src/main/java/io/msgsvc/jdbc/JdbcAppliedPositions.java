package io.msgsvc.jdbc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.AppliedPositions;
import io.msgsvc.spi.StorageTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Positions applied per consumer and reservation, on PostgreSQL (V18): a row per consumer and reservation, locked
 * while a batch is applied. Its outbox appends take turns per reservation ({@link #takeTurn}), which is what makes
 * positions grow per reservation in commit order.
 */
final class JdbcAppliedPositions implements AppliedPositions {
    /** The first key of msgsvc's advisory locks, so they never meet a host's own (ASCII "msgs"). */
    private static final int ADVISORY_CLASS = 0x6d736773;

    /**
     * Locks each row, made if missing, in reservation order (so two consumers cannot deadlock on them), and answers
     * its position as last committed, in one statement: a clean-up cannot delete the row between a look-up and its
     * lock. The update changes nothing (no index touched); {@link #ADVANCE} refreshes applied_at, so a clean-up that
     * waited for this lock finds the row fresh.
     */
    private static final String LOCK = "insert into msgsvc_applied_position"
            + " (consumer, reservation_id, applied_through, applied_at)"
            + " select ?, r, 0, ?::timestamp from unnest(?::uuid[]) as u(r) order by r"
            + " on conflict (consumer, reservation_id)"
            + " do update set applied_through = msgsvc_applied_position.applied_through"
            + " returning reservation_id, applied_through";

    private static final String ADVANCE = "update msgsvc_applied_position as a"
            + " set applied_through = u.p, applied_at = ?::timestamp from unnest(?::uuid[], ?::int8[]) as u(r, p)"
            + " where a.consumer = ? and a.reservation_id = u.r";
    /**
     * On PostgreSQL records are written only for events that come without a position: mostly an index with little
     * in it to probe.
     */
    private static final String RECORDED =
            "select event_id from msgsvc_applied_event" + " where consumer = ? and event_id = any(?::uuid[])";

    private static final String TAKE_TURN =
            // one row, so every lock is taken whatever fetch size the connection reads rows with
            "select count(pg_advisory_xact_lock(?, k)) from (select k from unnest(?::int4[]) as u(k) order by k)"
                    + " as keys";

    private final Db db;

    JdbcAppliedPositions(Db db) {
        this.db = db;
    }

    /**
     * Holds each of the reservations' outbox appends until this transaction ends (a transaction-scoped advisory lock
     * per reservation, taken in order, so two appenders cannot deadlock on them): a later append of the same
     * reservation draws its positions only after this one committed. Two reservations whose keys collide merely
     * take turns too.
     */
    static void takeTurn(Connection c, Collection<UUID> reservations) throws SQLException {
        Integer[] keys = reservations.stream().map(UUID::hashCode).distinct().toArray(Integer[]::new);
        try (PreparedStatement s = c.prepareStatement(TAKE_TURN)) {
            s.setInt(1, ADVISORY_CLASS);
            s.setArray(2, c.createArrayOf("int4", keys));
            try (ResultSet taken = s.executeQuery()) {
                taken.next();
            }
        }
    }

    @Override
    public Map<ReservationId, Long> lock(StorageTx tx, String consumer, Collection<ReservationId> reservations) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        UUID[] ids = reservations.stream().map(ReservationId::value).sorted().toArray(UUID[]::new);
        Map<ReservationId, Long> applied = new HashMap<>();
        if (ids.length == 0) {
            return applied;
        }
        ctx.connection(c -> {
            try (PreparedStatement s = c.prepareStatement(LOCK)) {
                s.setString(1, consumer);
                s.setString(2, now().toString());
                s.setArray(3, c.createArrayOf("uuid", ids));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        long through = rows.getLong(2);
                        if (through > 0) {
                            applied.put(new ReservationId(rows.getObject(1, UUID.class)), through);
                        }
                    }
                }
            }
        });
        return applied;
    }

    @Override
    public Set<UUID> appliedByRecord(StorageTx tx, String consumer, Collection<UUID> eventIds) {
        Set<UUID> recorded = new HashSet<>();
        if (eventIds.isEmpty()) {
            return recorded;
        }
        JdbcTx.ctx(tx, db).connection(c -> {
            try (PreparedStatement s = c.prepareStatement(RECORDED)) {
                s.setString(1, consumer);
                s.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        recorded.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        return recorded;
    }

    @Override
    public void advance(StorageTx tx, String consumer, Map<ReservationId, Long> applied) {
        if (applied.isEmpty()) {
            return;
        }
        UUID[] ids = new UUID[applied.size()];
        Long[] through = new Long[applied.size()];
        int i = 0;
        for (Map.Entry<ReservationId, Long> e : applied.entrySet()) {
            ids[i] = e.getKey().value();
            through[i++] = e.getValue();
        }
        JdbcTx.ctx(tx, db).connection(c -> {
            try (PreparedStatement s = c.prepareStatement(ADVANCE)) {
                s.setString(1, now().toString());
                s.setArray(2, c.createArrayOf("uuid", ids));
                s.setArray(3, c.createArrayOf("int8", through));
                s.setString(4, consumer);
                int moved = s.executeUpdate();
                if (moved != ids.length) { // lock() made and holds every row: a store that lost one must not commit
                    throw new IllegalStateException("applied positions of " + consumer + ": " + moved + " of "
                            + ids.length + " rows moved; lock them first in this transaction");
                }
            }
        });
    }

    /** Deletes the positions of reservations no event was applied to since {@code cutoff}. */
    static int deleteOlderThan(DSLContext ctx, LocalDateTime cutoff) {
        return ctx.execute("delete from msgsvc_applied_position where applied_at < ?", cutoff);
    }

    /** The time of applying, not of the events: retention must not drop a position applied late. */
    private static LocalDateTime now() {
        return Db.ts(Instant.now());
    }
}
