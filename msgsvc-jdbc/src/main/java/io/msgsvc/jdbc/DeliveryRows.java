package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.RecordedResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * One reservation's delivery rows, for {@link JdbcDispatchQueue}: the reads and writes run once per batch a sender
 * sends (plain JDBC where jOOQ's rendering cost more than the statement) and the counts a close needs. Callers hold
 * the reservation's row lock for every write.
 */
final class DeliveryRows {
    static final short PENDING = (short) DeliveryState.PENDING.ordinal();

    private static final String RECORD_RESULT = "update msgsvc_delivery set state = ?, attempts = ?, detail = ?,"
            + " completed_at = ? where reservation_id = ? and seq = ?";
    private static final String RECORD_RESULTS_POSTGRES = "update msgsvc_delivery as d set state = u.state,"
            + " attempts = u.attempts, detail = u.detail, completed_at = " + PlainJdbc.fromMicros("u.completed_at")
            + " from unnest(?::int2[], ?::int4[], ?::text[], ?::int8[], ?::uuid[], ?::int4[])"
            + " as u(state, attempts, detail, completed_at, reservation_id, seq)"
            + " where d.reservation_id = u.reservation_id and d.seq = u.seq";
    private static final List<String> RECORD_RESULTS_TYPES =
            List.of("int2", "int4", "text", "timestamp", "uuid", "int4");
    /** For results of a channel that reports delivery: the reference that finds the delivery for its report. */
    private static final String RECORD_SUBMITTED = "update msgsvc_delivery set state = ?, attempts = ?, detail = ?,"
            + " completed_at = ?, provider_reference = ? where reservation_id = ? and seq = ?";

    private static final String RECORD_SUBMITTED_POSTGRES = "update msgsvc_delivery as d set state = u.state,"
            + " attempts = u.attempts, detail = u.detail, completed_at = " + PlainJdbc.fromMicros("u.completed_at")
            + ", provider_reference = u.reference"
            + " from unnest(?::int2[], ?::int4[], ?::text[], ?::int8[], ?::text[], ?::uuid[], ?::int4[])"
            + " as u(state, attempts, detail, completed_at, reference, reservation_id, seq)"
            + " where d.reservation_id = u.reservation_id and d.seq = u.seq";
    private static final List<String> RECORD_SUBMITTED_TYPES =
            List.of("int2", "int4", "text", "timestamp", "text", "uuid", "int4");
    /** With the template variables: null, and nothing more to read, for a text sent as written. */
    private static final String PENDING_DELIVERIES =
            "select seq, recipient, attempts, detail, variables from msgsvc_delivery"
                    + " where reservation_id = ? and seq >= ? and state = ? order by seq limit ?";

    private DeliveryRows() {}

    /** Pending deliveries from {@code fromSequence} on, in list order. */
    static List<Delivery> pending(Db db, ReservationId id, int fromSequence, int limit) {
        return db.read(ctx -> db.plain.query(
                ctx,
                PENDING_DELIVERIES,
                rows -> {
                    List<Delivery> pending = new ArrayList<>();
                    while (rows.next()) {
                        pending.add(new Delivery(
                                new DeliveryId(id, rows.getInt(1)),
                                rows.getString(2),
                                DeliveryState.PENDING,
                                rows.getInt(3),
                                rows.getString(4),
                                null,
                                null,
                                null,
                                null,
                                VariablesColumn.decode(rows.getString(5))));
                    }
                    return pending;
                },
                id.value(),
                fromSequence,
                PENDING,
                limit));
    }

    /** Writes the results of deliveries still pending (a result is final) and returns the events of those written. */
    static List<ReservationEvent> recordIfPending(
            Db db, DSLContext ctx, ReservationId id, List<RecordedResult> results) {
        IntSummaryStatistics range = results.stream()
                .mapToInt(r -> r.result().deliveryId().sequence())
                .summaryStatistics();
        // a range, not the list of sequences: one statement text whatever the batch, and nothing to render per row
        Set<Integer> pending = db.plain.query(
                ctx,
                db.statements.pendingInRange,
                rows -> {
                    Set<Integer> sequences = new HashSet<>();
                    while (rows.next()) {
                        sequences.add(rows.getInt(1));
                    }
                    return sequences;
                },
                id.value(),
                range.getMin(),
                range.getMax(),
                PENDING);
        boolean submitted = results.stream().anyMatch(r -> r.result().state() == DeliveryState.SUBMITTED);
        List<Object[]> rows = new ArrayList<>(results.size());
        List<ReservationEvent> events = new ArrayList<>(results.size());
        for (RecordedResult r : results) {
            DeliveryResult result = r.result();
            if (!result.deliveryId().reservationId().equals(id)
                    || !pending.remove(result.deliveryId().sequence())) {
                continue;
            }
            Object state = (short) result.state().ordinal();
            String detail = Db.truncate(result.detail());
            Object completedAt = ts(result.completedAt());
            int seq = result.deliveryId().sequence();
            rows.add(
                    submitted
                            ? new Object[] {
                                state,
                                result.attempts(),
                                detail,
                                completedAt,
                                result.state() == DeliveryState.SUBMITTED ? result.detail() : null,
                                id.value(),
                                seq
                            }
                            : new Object[] {state, result.attempts(), detail, completedAt, id.value(), seq});
            events.add(r.event());
        }
        if (submitted) {
            db.plain.writeRows(ctx, RECORD_SUBMITTED, RECORD_SUBMITTED_POSTGRES, RECORD_SUBMITTED_TYPES, rows);
        } else {
            db.plain.writeRows(ctx, RECORD_RESULT, RECORD_RESULTS_POSTGRES, RECORD_RESULTS_TYPES, rows);
        }
        return events;
    }

    /** Whether a delivery at or below the issue mark is still without a result. */
    static boolean issuedAndPending(DSLContext ctx, ReservationId id, int issuedThrough) {
        return issuedThrough >= 0
                && ctx.fetchExists(
                        DeliveryTable.T,
                        DeliveryTable.RESERVATION_ID
                                .eq(id.value())
                                .and(DeliveryTable.SEQ.le(issuedThrough))
                                .and(DeliveryTable.STATE.eq(PENDING)));
    }

    /** Ends the pending deliveries as {@code closing} says and counts every delivery by its final state. */
    static CloseSummary closeAll(DSLContext ctx, ReservationId id, Closing closing) {
        Map<Short, Integer> byState = ctx.select(DeliveryTable.STATE, DSL.count())
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                .groupBy(DeliveryTable.STATE)
                .fetchMap(DeliveryTable.STATE, DSL.count());
        int sent = 0; // accepted by the channel, whatever its report says
        for (DeliveryState state : DeliveryState.values()) {
            if (state.wasAccepted()) {
                sent += byState.getOrDefault((short) state.ordinal(), 0);
            }
        }
        int failed = byState.getOrDefault((short) DeliveryState.FAILED.ordinal(), 0);
        int cancelled = byState.getOrDefault((short) DeliveryState.CANCELLED.ordinal(), 0);
        int expired = byState.getOrDefault((short) DeliveryState.EXPIRED_UNSENT.ordinal(), 0);
        int pending = byState.getOrDefault(PENDING, 0);
        if (pending > 0) {
            ctx.update(DeliveryTable.T)
                    .set(DeliveryTable.STATE, (short) closing.pendingState().ordinal())
                    .set(DeliveryTable.DETAIL, Db.truncate(closing.pendingDetail()))
                    .set(DeliveryTable.COMPLETED_AT, ts(closing.at()))
                    .where(DeliveryTable.RESERVATION_ID.eq(id.value()))
                    .and(DeliveryTable.STATE.eq(PENDING))
                    .execute();
        }
        int total = byState.values().stream().mapToInt(Integer::intValue).sum(); // skipped ones too
        return closing.pendingState() == DeliveryState.EXPIRED_UNSENT
                ? new CloseSummary(total, sent, failed, cancelled, expired + pending)
                : new CloseSummary(total, sent, failed, cancelled + pending, expired);
    }
}
