package io.msgsvc.memory;

import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.ReportRules;
import io.msgsvc.spi.ReportRules.Decision;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Delivery reports in memory, by the same {@link ReportRules} as every store. */
final class InMemoryDeliveryReports implements DeliveryReports {
    /** A report that came before its delivery's send result; named by delivery id, or by reference only. */
    private record Parked(DeliveryReport report, Instant parkedAt) {}

    private final InMemoryStorage storage;
    private final ReservationRows rows;
    private final List<Parked> parked = new ArrayList<>();

    InMemoryDeliveryReports(InMemoryStorage storage, ReservationRows rows) {
        this.storage = storage;
        this.rows = rows;
    }

    @Override
    public Written<List<ReportOutcome>> apply(StorageTx tx, List<DeliveryReport> reports, Instant now) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<ReportOutcome> outcomes = new ArrayList<>(reports.size());
        List<ReservationEvent> events = new ArrayList<>();
        for (DeliveryReport report : reports) {
            outcomes.add(applyOne(memory, report, now, events));
        }
        return new Written<>(outcomes, events);
    }

    private ReportOutcome applyOne(InMemoryTx tx, DeliveryReport report, Instant now, List<ReservationEvent> events) {
        DeliveryId id =
                report.deliveryId() != null ? report.deliveryId() : rows.byReference(report.providerReference());
        if (id == null) {
            park(tx, report, now); // its send result may still be on its way to the store
            return ReportOutcome.PARKED;
        }
        ReservationRow row = rows.get(id.reservationId());
        if (row == null
                || id.sequence() < 0
                || id.sequence() >= row.size()
                || (report.customerId() != null && !report.customerId().equals(row.customerId))) {
            return ReportOutcome.UNKNOWN_REFERENCE;
        }
        int seq = id.sequence();
        DeliveryState current = row.state(seq);
        Decision decision = ReportRules.decide(current, report);
        if (decision.outcome() == ReportOutcome.PARKED) {
            park(tx, report.about(id), now);
            return ReportOutcome.PARKED;
        }
        if (decision.part()) {
            if (!row.recordPart(
                    tx, seq, report.part(), report.parts(), report.status().finalState())) {
                return ReportOutcome.DUPLICATE;
            }
            decision = ReportRules.partsDecided(current, row.partsDecided(seq));
        }
        if (decision.annotates()) {
            row.setReport(tx, seq, report.status(), report.reportedAt());
        }
        if (decision.next() != null) {
            row.changing(tx, rows);
            row.setDelivery(
                    tx, seq, decision.next(), row.delivery(seq).attempts(), report.detail(), row.completedAt(seq));
            events.add(ReportRules.reported(
                    row.id, row.customerId, id, row.recipients.get(seq), decision.next(), current, report, now));
        }
        return decision.outcome();
    }

    private void park(InMemoryTx tx, DeliveryReport report, Instant now) {
        Parked p = new Parked(report, now);
        parked.add(p);
        tx.onRollback(() -> parked.remove(p));
    }

    @Override
    public Written<Integer> submitted(
            StorageTx tx, ReservationId id, List<DeliveryResult> submitted, Instant reportsDueBy, Instant now) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        ReservationRow row = rows.get(id);
        row.changing(memory, rows);
        if (row.reportsDueBy == null || reportsDueBy.isBefore(row.reportsDueBy)) {
            row.reportsDueBy = reportsDueBy;
        }
        if (parked.isEmpty()) {
            return Written.quietly(0);
        }
        Set<Integer> sequences = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (DeliveryResult result : submitted) {
            sequences.add(result.deliveryId().sequence());
            if (result.detail() != null) {
                references.add(result.detail());
            }
        }
        List<DeliveryReport> claimed = new ArrayList<>();
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            DeliveryId named = p.report().deliveryId();
            boolean mine = named != null
                    ? named.reservationId().equals(id) && sequences.contains(named.sequence())
                    : references.contains(p.report().providerReference());
            if (mine) {
                it.remove();
                memory.onRollback(() -> parked.add(p));
                claimed.add(p.report());
            }
        }
        List<ReservationEvent> events = new ArrayList<>();
        for (DeliveryReport report : claimed) {
            applyOne(memory, report, now, events);
        }
        return new Written<>(claimed.size(), events);
    }

    @Override
    public Written<Integer> timeOut(StorageTx tx, Instant now, Duration awaitFor, int limit) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        Instant submittedBefore = now.minus(awaitFor);
        List<ReservationEvent> events = new ArrayList<>();
        int reservations = 0;
        for (ReservationRow row : rows.all()) {
            if (row.reportsDueBy == null || row.reportsDueBy.isAfter(now) || reservations == limit) {
                continue;
            }
            reservations++;
            row.changing(memory, rows);
            Instant nextDue = null;
            for (int seq = 0; seq < row.size(); seq++) {
                if (row.state(seq) != DeliveryState.SUBMITTED) {
                    continue;
                }
                Instant submittedAt = row.completedAt(seq);
                if (submittedAt.isAfter(submittedBefore)) {
                    Instant due = submittedAt.plus(awaitFor);
                    nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
                    continue;
                }
                DeliveryId id = new DeliveryId(row.id, seq);
                row.setDelivery(
                        memory,
                        seq,
                        DeliveryState.UNKNOWN,
                        row.delivery(seq).attempts(),
                        ReportRules.timedOutDetail(awaitFor),
                        submittedAt);
                events.add(ReportRules.timedOut(row.id, row.customerId, id, row.recipients.get(seq), submittedAt, now));
            }
            row.reportsDueBy = nextDue;
        }
        return new Written<>(events.size(), events);
    }

    @Override
    public Written<Integer> retryParked(StorageTx tx, Instant now, int limit) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<ReservationEvent> events = new ArrayList<>();
        int applied = 0;
        for (Iterator<Parked> it = parked.iterator(); it.hasNext() && applied < limit; ) {
            Parked p = it.next();
            DeliveryId id = p.report().deliveryId() != null
                    ? p.report().deliveryId()
                    : rows.byReference(p.report().providerReference());
            ReservationRow row = id == null ? null : rows.get(id.reservationId());
            if (row == null || id.sequence() >= row.size() || row.state(id.sequence()) == DeliveryState.PENDING) {
                continue; // its send result is not in yet
            }
            it.remove();
            memory.onRollback(() -> parked.add(p));
            applyOne(memory, p.report().about(id), now, events);
            applied++;
        }
        return new Written<>(applied, events);
    }

    @Override
    public int dropParked(StorageTx tx, Instant parkedBefore) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        int dropped = 0;
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (p.parkedAt().isBefore(parkedBefore)) {
                it.remove();
                memory.onRollback(() -> parked.add(p));
                dropped++;
            }
        }
        return dropped;
    }
}
