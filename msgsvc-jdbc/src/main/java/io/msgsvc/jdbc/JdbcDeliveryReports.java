package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.ReportRows.Row;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.ReportRules;
import io.msgsvc.spi.ReportRules.Decision;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Delivery reports in SQL, by the same {@link ReportRules} as every store. A batch locks its reservation rows in id
 * order (as every writer of delivery rows does first), reads the deliveries it names once, decides each report in
 * order against the state the reports before it left, and writes each changed delivery once.
 */
final class JdbcDeliveryReports implements DeliveryReports {
    private final Db db;
    private final JdbcStorage.TimeSource timeSource;

    JdbcDeliveryReports(Db db, JdbcStorage.TimeSource timeSource) {
        this.db = db;
        this.timeSource = timeSource;
    }

    @Override
    public Written<List<ReportOutcome>> apply(StorageTx tx, List<DeliveryReport> reports, Instant now) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        List<DeliveryReport> named = ReportRows.byDelivery(ctx, reports);
        List<ReportOutcome> outcomes = new ArrayList<>(reports.size());
        List<ReservationEvent> events = new ArrayList<>();
        Map<DeliveryId, Row> rows = ReportRows.lockAndRead(ctx, named);
        Map<DeliveryId, Row> changed = new HashMap<>();
        List<DeliveryReport> parked = new ArrayList<>();
        for (DeliveryReport report : named) {
            outcomes.add(applyOne(report, rows, changed, parked, events, now));
        }
        ReportRows.write(db, ctx, changed.values());
        ReportRows.park(ctx, parked, now);
        return new Written<>(outcomes, events);
    }

    private static ReportOutcome applyOne(
            DeliveryReport report,
            Map<DeliveryId, Row> rows,
            Map<DeliveryId, Row> changed,
            List<DeliveryReport> parked,
            List<ReservationEvent> events,
            Instant now) {
        if (report.deliveryId() == null) {
            parked.add(report); // a reference no delivery has yet: its send result may still be on its way
            return ReportOutcome.PARKED;
        }
        Row row = rows.get(report.deliveryId());
        if (row == null || (report.customerId() != null && !report.customerId().equals(row.customerId))) {
            return ReportOutcome.UNKNOWN_REFERENCE;
        }
        DeliveryState current = row.state;
        Decision decision = ReportRules.decide(current, report);
        if (decision.outcome() == ReportOutcome.PARKED) {
            parked.add(report);
            return ReportOutcome.PARKED;
        }
        if (decision.part()) {
            if (!row.recordPart(report.part(), report.parts(), report.status().finalState())) {
                return ReportOutcome.DUPLICATE;
            }
            decision = ReportRules.partsDecided(current, row.partsDecided());
        }
        if (decision.annotates()) {
            row.reportStatus = report.status();
            row.reportedAt = report.reportedAt();
            changed.put(row.id, row);
        }
        if (decision.next() != null) {
            row.state = decision.next();
            row.detail = report.detail();
            events.add(ReportRules.reported(
                    row.id.reservationId(),
                    row.customerId,
                    row.id,
                    row.recipient,
                    decision.next(),
                    current,
                    report,
                    now));
        }
        return decision.outcome();
    }

    @Override
    public Written<Integer> submitted(
            StorageTx tx, ReservationId id, List<DeliveryResult> submitted, Instant reportsDueBy, Instant now) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        LocalDateTime dueBy = ts(reportsDueBy);
        ctx.update(ReservationTable.T)
                .set(
                        ReservationTable.REPORTS_DUE_BY,
                        DSL.least(DSL.coalesce(ReservationTable.REPORTS_DUE_BY, DSL.val(dueBy)), DSL.val(dueBy)))
                .where(ReservationTable.ID.eq(id.value()))
                .execute();
        List<DeliveryReport> claimed = ReportRows.unpark(ctx, id, submitted);
        if (claimed.isEmpty()) {
            return Written.quietly(0);
        }
        return apply(tx, claimed, now).map(outcomes -> claimed.size());
    }

    @Override
    public Written<Integer> timeOut(StorageTx tx, Instant engineNow, Duration awaitFor, int limit) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Instant now = timeSource == JdbcStorage.TimeSource.ENGINE ? engineNow : db.now(ctx);
        Map<UUID, String> customers = new TreeMap<>();
        ctx.select(ReservationTable.ID, ReservationTable.CUSTOMER_ID)
                .from(ReservationTable.T)
                .where(ReservationTable.REPORTS_DUE_BY.le(ts(now)))
                .orderBy(ReservationTable.REPORTS_DUE_BY)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .forEach(r -> customers.put(r.value1(), r.value2()));
        if (customers.isEmpty()) {
            return Written.quietly(0);
        }
        Instant submittedBefore = now.minus(awaitFor);
        Map<UUID, Instant> nextDue = new HashMap<>();
        List<Row> timedOut = new ArrayList<>();
        List<ReservationEvent> events = new ArrayList<>();
        for (Record d : ctx.select(
                        DeliveryTable.RESERVATION_ID,
                        DeliveryTable.SEQ,
                        DeliveryTable.RECIPIENT,
                        DeliveryTable.COMPLETED_AT)
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.in(customers.keySet()))
                .and(DeliveryTable.STATE.eq((short) DeliveryState.SUBMITTED.ordinal()))
                .fetch()) {
            UUID reservation = d.get(DeliveryTable.RESERVATION_ID);
            Instant submittedAt = Db.instant(d.get(DeliveryTable.COMPLETED_AT));
            if (submittedAt.isAfter(submittedBefore)) {
                nextDue.merge(reservation, submittedAt.plus(awaitFor), (a, b) -> a.isBefore(b) ? a : b);
                continue;
            }
            DeliveryId id = new DeliveryId(new ReservationId(reservation), d.get(DeliveryTable.SEQ));
            timedOut.add(Row.timedOut(id, ReportRules.timedOutDetail(awaitFor)));
            events.add(ReportRules.timedOut(
                    id.reservationId(),
                    customers.get(reservation),
                    id,
                    d.get(DeliveryTable.RECIPIENT),
                    submittedAt,
                    engineNow));
        }
        ReportRows.writeTimedOut(ctx, timedOut);
        Set<UUID> ids = new TreeSet<>(customers.keySet());
        for (UUID reservation : ids) {
            Instant due = nextDue.get(reservation);
            ctx.update(ReservationTable.T)
                    .set(ReservationTable.REPORTS_DUE_BY, due == null ? null : ts(due))
                    .where(ReservationTable.ID.eq(reservation))
                    .execute();
        }
        return new Written<>(timedOut.size(), events);
    }

    @Override
    public Written<Integer> retryParked(StorageTx tx, Instant now, int limit) {
        DSLContext ctx = JdbcTx.ctx(tx, db);
        Map<Long, DeliveryReport> parked = ReportRows.lockParked(ctx, limit);
        if (parked.isEmpty()) {
            return Written.quietly(0);
        }
        List<Long> ids = new ArrayList<>(parked.keySet());
        List<DeliveryReport> named = ReportRows.byDelivery(ctx, new ArrayList<>(parked.values()));
        Map<DeliveryId, Row> rows = ReportRows.lockAndRead(ctx, named);
        List<Long> claimed = new ArrayList<>();
        List<DeliveryReport> ready = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            DeliveryReport report = named.get(i);
            Row row = report.deliveryId() == null ? null : rows.get(report.deliveryId());
            if (row != null && row.state != DeliveryState.PENDING) {
                claimed.add(ids.get(i));
                ready.add(report);
            }
        }
        if (ready.isEmpty()) {
            return Written.quietly(0);
        }
        ReportRows.deleteParked(ctx, claimed);
        List<ReservationEvent> events = new ArrayList<>();
        Map<DeliveryId, Row> changed = new HashMap<>();
        for (DeliveryReport report : ready) {
            applyOne(report, rows, changed, new ArrayList<>(), events, now);
        }
        ReportRows.write(db, ctx, changed.values());
        return new Written<>(ready.size(), events);
    }

    @Override
    public int dropParked(StorageTx tx, Instant parkedBefore) {
        return ReportRows.dropParked(JdbcTx.ctx(tx, db), parkedBefore);
    }
}
