package io.msgsvc.jdbc;

import static io.msgsvc.jdbc.Db.ts;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.DeliveryTable;
import io.msgsvc.jdbc.Schema.ParkedReportTable;
import io.msgsvc.jdbc.Schema.ReservationTable;
import io.msgsvc.spi.DeliveryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The delivery and parked-report rows {@link JdbcDeliveryReports} reads and writes. */
final class ReportRows {
    private static final String WRITE_REPORT = "update msgsvc_delivery set state = ?, detail = ?, report_status = ?,"
            + " reported_at = ?, parts = ?, parts_in = ?, parts_worst = ? where reservation_id = ? and seq = ?";
    private static final String WRITE_REPORTS_POSTGRES = "update msgsvc_delivery as d set state = u.state,"
            + " detail = u.detail, report_status = u.report_status, reported_at = "
            + PlainJdbc.fromMicros("u.reported_at") + ","
            + " parts = u.parts, parts_in = u.parts_in, parts_worst = u.parts_worst"
            + " from unnest(?::int2[], ?::text[], ?::int2[], ?::int8[], ?::int2[], ?::int8[], ?::int2[], ?::uuid[],"
            + " ?::int4[]) as u(state, detail, report_status, reported_at, parts, parts_in, parts_worst,"
            + " reservation_id, seq) where d.reservation_id = u.reservation_id and d.seq = u.seq";
    private static final List<String> WRITE_REPORTS_TYPES =
            List.of("int2", "text", "int2", "timestamp", "int2", "int8", "int2", "uuid", "int4");

    private ReportRows() {}

    /** One delivery as reports see it, changed in memory while a batch is decided and written once after. */
    static final class Row {
        final DeliveryId id;
        final String customerId;
        final String recipient;
        DeliveryState state;
        String detail;
        ReportStatus reportStatus;
        Instant reportedAt;
        int parts;
        long partsIn;
        DeliveryState partsWorst;

        Row(DeliveryId id, String customerId, String recipient, DeliveryState state, String detail) {
            this.id = id;
            this.customerId = customerId;
            this.recipient = recipient;
            this.state = state;
            this.detail = detail;
        }

        static Row timedOut(DeliveryId id, String detail) {
            return new Row(id, null, null, DeliveryState.UNKNOWN, detail);
        }

        /** Records a part's final report; false if that part was in already. */
        boolean recordPart(int part, int ofParts, DeliveryState reported) {
            long bit = 1L << (part - 1);
            if ((partsIn & bit) != 0) {
                return false;
            }
            partsIn |= bit;
            parts = Math.max(parts, ofParts);
            if (reported != DeliveryState.DELIVERED && partsWorst == null) {
                partsWorst = reported; // the first part that did not arrive decides
            }
            return true;
        }

        /** What every part's report decided, or null while one is missing. */
        DeliveryState partsDecided() {
            long all = (1L << parts) - 1;
            if ((partsIn & all) != all) {
                return null;
            }
            return partsWorst != null ? partsWorst : DeliveryState.DELIVERED;
        }
    }

    /** The reports, those named by reference now naming their delivery where one has that reference. */
    static List<DeliveryReport> byDelivery(DSLContext ctx, List<DeliveryReport> reports) {
        Set<String> references = new HashSet<>();
        for (DeliveryReport r : reports) {
            if (r.deliveryId() == null) {
                references.add(r.providerReference());
            }
        }
        if (references.isEmpty()) {
            return reports;
        }
        Map<String, DeliveryId> found = new HashMap<>();
        ctx.select(DeliveryTable.PROVIDER_REFERENCE, DeliveryTable.RESERVATION_ID, DeliveryTable.SEQ)
                .from(DeliveryTable.T)
                .where(DeliveryTable.PROVIDER_REFERENCE.in(references))
                .forEach(r -> found.putIfAbsent(r.value1(), new DeliveryId(new ReservationId(r.value2()), r.value3())));
        List<DeliveryReport> named = new ArrayList<>(reports.size());
        for (DeliveryReport r : reports) {
            DeliveryId id = r.deliveryId() == null ? found.get(r.providerReference()) : null;
            named.add(id == null ? r : r.about(id));
        }
        return named;
    }

    /** Locks the reservations the reports name, in id order, and reads the deliveries they name. */
    static Map<DeliveryId, Row> lockAndRead(DSLContext ctx, List<DeliveryReport> reports) {
        Set<UUID> reservations = new TreeSet<>();
        Set<Integer> sequences = new HashSet<>();
        Set<DeliveryId> wanted = new HashSet<>();
        for (DeliveryReport r : reports) {
            if (r.deliveryId() != null) {
                reservations.add(r.deliveryId().reservationId().value());
                sequences.add(r.deliveryId().sequence());
                wanted.add(r.deliveryId());
            }
        }
        Map<DeliveryId, Row> rows = new HashMap<>();
        if (reservations.isEmpty()) {
            return rows;
        }
        Map<UUID, String> customers = new HashMap<>();
        ctx.select(ReservationTable.ID, ReservationTable.CUSTOMER_ID)
                .from(ReservationTable.T)
                .where(ReservationTable.ID.in(reservations))
                .orderBy(ReservationTable.ID)
                .forUpdate()
                .forEach(r -> customers.put(r.value1(), r.value2()));
        var deliveries = ctx.select(
                        DeliveryTable.RESERVATION_ID,
                        DeliveryTable.SEQ,
                        DeliveryTable.RECIPIENT,
                        DeliveryTable.STATE,
                        DeliveryTable.DETAIL,
                        DeliveryTable.REPORT_STATUS,
                        DeliveryTable.REPORTED_AT,
                        DeliveryTable.PARTS,
                        DeliveryTable.PARTS_IN,
                        DeliveryTable.PARTS_WORST)
                .from(DeliveryTable.T)
                .where(DeliveryTable.RESERVATION_ID.in(customers.keySet()))
                .and(DeliveryTable.SEQ.in(sequences));
        // InnoDB's plain reads see the snapshot of the transaction's first read, not what the lock holder wrote
        boolean innoDb =
                ctx.dialect().family() == SQLDialect.MARIADB || ctx.dialect().family() == SQLDialect.MYSQL;
        for (Record d : innoDb ? deliveries.forUpdate().fetch() : deliveries.fetch()) {
            UUID reservation = d.get(DeliveryTable.RESERVATION_ID);
            DeliveryId id = new DeliveryId(new ReservationId(reservation), d.get(DeliveryTable.SEQ));
            if (!wanted.contains(id)) {
                continue; // the two IN lists select a superset
            }
            Row row = new Row(
                    id,
                    customers.get(reservation),
                    d.get(DeliveryTable.RECIPIENT),
                    DeliveryState.values()[d.get(DeliveryTable.STATE)],
                    d.get(DeliveryTable.DETAIL));
            Short status = d.get(DeliveryTable.REPORT_STATUS);
            row.reportStatus = status == null ? null : ReportStatus.values()[status];
            row.reportedAt = Db.instant(d.get(DeliveryTable.REPORTED_AT));
            Short parts = d.get(DeliveryTable.PARTS);
            row.parts = parts == null ? 0 : parts;
            Long partsIn = d.get(DeliveryTable.PARTS_IN);
            row.partsIn = partsIn == null ? 0 : partsIn;
            Short worst = d.get(DeliveryTable.PARTS_WORST);
            row.partsWorst = worst == null ? null : DeliveryState.values()[worst];
            rows.put(id, row);
        }
        return rows;
    }

    /** Writes each changed delivery once: one statement per batch. */
    static void write(Db db, DSLContext ctx, Collection<Row> changed) {
        List<Object[]> values = new ArrayList<>(changed.size());
        for (Row row : changed) {
            values.add(new Object[] {
                (short) row.state.ordinal(),
                Db.truncate(row.detail),
                row.reportStatus == null ? null : (short) row.reportStatus.ordinal(),
                ts(row.reportedAt),
                row.parts == 0 ? null : (short) row.parts,
                row.parts == 0 ? null : row.partsIn,
                row.partsWorst == null ? null : (short) row.partsWorst.ordinal(),
                row.id.reservationId().value(),
                row.id.sequence()
            });
        }
        db.plain.writeRows(ctx, WRITE_REPORT, WRITE_REPORTS_POSTGRES, WRITE_REPORTS_TYPES, values);
    }

    static void writeTimedOut(DSLContext ctx, List<Row> timedOut) {
        if (timedOut.isEmpty()) {
            return;
        }
        List<Query> updates = new ArrayList<>(timedOut.size());
        for (Row row : timedOut) {
            updates.add(ctx.update(DeliveryTable.T)
                    .set(DeliveryTable.STATE, (short) DeliveryState.UNKNOWN.ordinal())
                    .set(DeliveryTable.DETAIL, row.detail)
                    .where(DeliveryTable.RESERVATION_ID.eq(
                            row.id.reservationId().value()))
                    .and(DeliveryTable.SEQ.eq(row.id.sequence()))
                    .and(DeliveryTable.STATE.eq((short) DeliveryState.SUBMITTED.ordinal())));
        }
        Db.execute(ctx, updates);
    }

    static void park(DSLContext ctx, List<DeliveryReport> reports, Instant now) {
        if (reports.isEmpty()) {
            return;
        }
        var insert = ctx.insertInto(
                ParkedReportTable.T,
                ParkedReportTable.RESERVATION_ID,
                ParkedReportTable.SEQ,
                ParkedReportTable.PROVIDER_REFERENCE,
                ParkedReportTable.CUSTOMER_ID,
                ParkedReportTable.STATUS,
                ParkedReportTable.PROVIDER_CODE,
                ParkedReportTable.REASON,
                ParkedReportTable.REPORTED_AT,
                ParkedReportTable.UNITS,
                ParkedReportTable.PRICE,
                ParkedReportTable.PART,
                ParkedReportTable.PARTS,
                ParkedReportTable.PARKED_AT);
        for (DeliveryReport r : reports) {
            insert = insert.values(
                    r.deliveryId() == null
                            ? null
                            : r.deliveryId().reservationId().value(),
                    r.deliveryId() == null ? null : r.deliveryId().sequence(),
                    r.providerReference(),
                    r.customerId(),
                    (short) r.status().ordinal(),
                    r.providerCode(),
                    Db.truncate(r.reason()),
                    ts(r.reportedAt()),
                    r.units(),
                    r.price(),
                    (short) r.part(),
                    (short) r.parts(),
                    ts(now));
        }
        insert.execute();
    }

    /** Takes out the reports parked for these just-submitted deliveries, in the order they came. */
    static List<DeliveryReport> unpark(DSLContext ctx, ReservationId id, List<DeliveryResult> submitted) {
        Set<Integer> sequences = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (DeliveryResult r : submitted) {
            sequences.add(r.deliveryId().sequence());
            if (r.detail() != null) {
                references.add(r.detail());
            }
        }
        Condition mine = ParkedReportTable.RESERVATION_ID.eq(id.value()).and(ParkedReportTable.SEQ.in(sequences));
        if (!references.isEmpty()) {
            mine = mine.or(ParkedReportTable.PROVIDER_REFERENCE.in(references));
        }
        Map<Long, DeliveryReport> parked = readParked(ctx.select(ParkedReportTable.ALL)
                .from(ParkedReportTable.T)
                .where(mine)
                .orderBy(ParkedReportTable.PARKED_ID)
                .forUpdate()
                .skipLocked() // one the sweeper holds, it applies once this result commits
                .fetch());
        deleteParked(ctx, parked.keySet());
        return new ArrayList<>(parked.values());
    }

    /** The oldest parked reports, locked, skipping those another transaction holds; by parked id, in order. */
    static Map<Long, DeliveryReport> lockParked(DSLContext ctx, int limit) {
        // only those whose send result is in: reports that never match must not hide the ones behind them
        Condition resultIn = DSL.exists(DSL.selectOne()
                .from(DeliveryTable.T)
                .where(DeliveryTable.STATE.ne(DeliveryRows.PENDING))
                .and(DeliveryTable.RESERVATION_ID
                        .eq(ParkedReportTable.RESERVATION_ID)
                        .and(DeliveryTable.SEQ.eq(ParkedReportTable.SEQ))
                        .or(DeliveryTable.PROVIDER_REFERENCE.eq(ParkedReportTable.PROVIDER_REFERENCE))));
        return readParked(ctx.select(ParkedReportTable.ALL)
                .from(ParkedReportTable.T)
                .where(resultIn)
                .orderBy(ParkedReportTable.PARKED_ID)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch());
    }

    static void deleteParked(DSLContext ctx, Collection<Long> parkedIds) {
        if (!parkedIds.isEmpty()) {
            ctx.deleteFrom(ParkedReportTable.T)
                    .where(ParkedReportTable.PARKED_ID.in(parkedIds))
                    .execute();
        }
    }

    private static Map<Long, DeliveryReport> readParked(List<? extends Record> rows) {
        Map<Long, DeliveryReport> parked = new LinkedHashMap<>();
        for (Record p : rows) {
            UUID reservation = p.get(ParkedReportTable.RESERVATION_ID);
            parked.put(
                    p.get(ParkedReportTable.PARKED_ID),
                    new DeliveryReport(
                            reservation == null
                                    ? null
                                    : new DeliveryId(new ReservationId(reservation), p.get(ParkedReportTable.SEQ)),
                            p.get(ParkedReportTable.PROVIDER_REFERENCE),
                            ReportStatus.values()[p.get(ParkedReportTable.STATUS)],
                            p.get(ParkedReportTable.PROVIDER_CODE),
                            p.get(ParkedReportTable.REASON),
                            Db.instant(p.get(ParkedReportTable.REPORTED_AT)),
                            p.get(ParkedReportTable.UNITS),
                            p.get(ParkedReportTable.PRICE),
                            p.get(ParkedReportTable.PART),
                            p.get(ParkedReportTable.PARTS),
                            p.get(ParkedReportTable.CUSTOMER_ID)));
        }
        return parked;
    }

    static int dropParked(DSLContext ctx, Instant parkedBefore) {
        return ctx.deleteFrom(ParkedReportTable.T)
                .where(ParkedReportTable.PARKED_AT.lt(ts(parkedBefore)))
                .execute();
    }
}
