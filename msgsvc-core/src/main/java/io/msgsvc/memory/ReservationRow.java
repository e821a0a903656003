package io.msgsvc.memory;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Progress;
import io.msgsvc.spi.TraceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One reservation in memory: what registration stored, its deliveries as arrays (cheap for long lists), its place
 * in the dispatch queue and its status. Every change goes through a method that keeps how to undo it.
 */
final class ReservationRow {
    enum Phase {
        SCHEDULED,
        DISPATCHING,
        CLOSED
    }

    /** The fields that change, as one value: saved once per transaction, restored on rollback. */
    private record State(
            int firstPending,
            Instant dueAt,
            Phase phase,
            String leaseOwner,
            Instant leaseUntil,
            boolean cancelRequested,
            boolean paused,
            Instant sendAt,
            int issuedThrough,
            Instant reportsDueBy,
            Progress progress) {}

    final ReservationId id;
    final String customerId;
    final String subject;
    final String text;
    final List<String> recipients;
    /** Per recipient, the values of the text's placeholders; empty when the text is sent as written. */
    final List<Map<String, String>> variables;
    /** Moved by a reschedule. */
    Instant sendAt;

    final Instant createdAt;
    final String idempotencyKey;
    final String fingerprint;
    final SendingSpeed sendingSpeed;
    /** The trace it was registered in, for its sends and projections to continue. */
    final TraceContext traceContext;

    final CampaignRules rules;

    private final DeliveryState[] states;
    private final int[] attempts;
    private final String[] details;
    private final Instant[] completedAt;
    /** Every delivery before it has a result; keeps "first pending" cheap on long lists. */
    int firstPending;
    /** Changed only through {@link ReservationRows#moveDueAt}, which keeps the queue ordered. */
    Instant dueAt;

    Phase phase = Phase.SCHEDULED;
    String leaseOwner;
    Instant leaseUntil;
    boolean cancelRequested;
    /** The customer paused it: not claimed until resumed. */
    boolean paused;
    /** The highest sequence a sender may have handed to the channel (see {@code DispatchQueue}); -1: none. */
    int issuedThrough = -1;
    /** The earliest time a submitted delivery's report is overdue; null when none is awaited. */
    Instant reportsDueBy;
    /** Status and counts as the status projection keeps them. */
    Progress progress;
    /** What delivery reports said, made when the first delivery is submitted (most channels never report). */
    private Reports reports;

    /** Per delivery: the provider's reference, the last report, and for messages in parts which parts are in. */
    private static final class Reports {
        final String[] references;
        final ReportStatus[] statuses;
        final Instant[] reportedAt;
        final long[] partsIn;
        final int[] parts;
        final DeliveryState[] partsWorst;

        Reports(int n) {
            references = new String[n];
            statuses = new ReportStatus[n];
            reportedAt = new Instant[n];
            partsIn = new long[n];
            parts = new int[n];
            partsWorst = new DeliveryState[n];
        }
    }

    ReservationRow(NewReservation r) {
        id = r.id();
        customerId = r.customerId();
        subject = r.subject();
        text = r.text();
        recipients = r.recipients();
        variables = r.recipientVariables();
        sendAt = r.sendAt();
        createdAt = r.createdAt();
        idempotencyKey = r.idempotencyKey();
        fingerprint = r.requestFingerprint();
        sendingSpeed = r.sendingSpeed();
        traceContext = r.traceContext();
        rules = r.rules();
        int n = recipients.size();
        states = new DeliveryState[n];
        Arrays.fill(states, DeliveryState.PENDING);
        attempts = new int[n];
        details = new String[n];
        completedAt = new Instant[n];
        dueAt = sendAt;
        progress = new Progress(0, 0, 0, 0, 0, 0, 0, ReservationStatus.SCHEDULED, null, createdAt);
    }

    /** Call before changing any field in {@code tx}: the first call keeps the row's state for a rollback. */
    void changing(InMemoryTx tx, ReservationRows rows) {
        if (!tx.firstChangeOf(this)) {
            return;
        }
        State before = new State(
                firstPending,
                dueAt,
                phase,
                leaseOwner,
                leaseUntil,
                cancelRequested,
                paused,
                sendAt,
                issuedThrough,
                reportsDueBy,
                progress);
        tx.onRollback(() -> {
            rows.unqueue(this);
            firstPending = before.firstPending;
            dueAt = before.dueAt;
            phase = before.phase;
            leaseOwner = before.leaseOwner;
            leaseUntil = before.leaseUntil;
            cancelRequested = before.cancelRequested;
            paused = before.paused;
            sendAt = before.sendAt;
            issuedThrough = before.issuedThrough;
            reportsDueBy = before.reportsDueBy;
            progress = before.progress;
            if (phase != Phase.CLOSED) {
                rows.queue(this); // the queue holds exactly the open reservations
            }
        });
    }

    int size() {
        return states.length;
    }

    DeliveryState state(int seq) {
        return states[seq];
    }

    /** Sets one delivery's fields, keeping the old ones for a rollback. */
    void setDelivery(InMemoryTx tx, int seq, DeliveryState state, int attempt, String detail, Instant completed) {
        DeliveryState oldState = states[seq];
        int oldAttempts = attempts[seq];
        String oldDetail = details[seq];
        Instant oldCompleted = completedAt[seq];
        tx.onRollback(() -> {
            states[seq] = oldState;
            attempts[seq] = oldAttempts;
            details[seq] = oldDetail;
            completedAt[seq] = oldCompleted;
        });
        states[seq] = state;
        attempts[seq] = attempt;
        details[seq] = detail;
        completedAt[seq] = completed;
    }

    Instant completedAt(int seq) {
        return completedAt[seq];
    }

    String reference(int seq) {
        return reports == null ? null : reports.references[seq];
    }

    /** Keeps the provider's reference of a submitted delivery. */
    void setReference(InMemoryTx tx, int seq, String reference) {
        Reports r = reports(tx);
        String old = r.references[seq];
        tx.onRollback(() -> r.references[seq] = old);
        r.references[seq] = reference;
    }

    /** Keeps the last report's status and time. */
    void setReport(InMemoryTx tx, int seq, ReportStatus status, Instant reportedAt) {
        Reports r = reports(tx);
        ReportStatus oldStatus = r.statuses[seq];
        Instant oldAt = r.reportedAt[seq];
        tx.onRollback(() -> {
            r.statuses[seq] = oldStatus;
            r.reportedAt[seq] = oldAt;
        });
        r.statuses[seq] = status;
        r.reportedAt[seq] = reportedAt;
    }

    /**
     * Records a final report of one part of a message sent in {@code parts} parts; returns false if that part was
     * in already.
     */
    boolean recordPart(InMemoryTx tx, int seq, int part, int parts, DeliveryState state) {
        Reports r = reports(tx);
        long bit = 1L << (part - 1);
        if ((r.partsIn[seq] & bit) != 0) {
            return false;
        }
        long oldIn = r.partsIn[seq];
        int oldParts = r.parts[seq];
        DeliveryState oldWorst = r.partsWorst[seq];
        tx.onRollback(() -> {
            r.partsIn[seq] = oldIn;
            r.parts[seq] = oldParts;
            r.partsWorst[seq] = oldWorst;
        });
        r.partsIn[seq] |= bit;
        r.parts[seq] = Math.max(oldParts, parts);
        if (state != DeliveryState.DELIVERED && oldWorst == null) {
            r.partsWorst[seq] = state; // the first part that did not arrive decides
        }
        return true;
    }

    /** The state every part's final report decides, or null while some part's is missing. */
    DeliveryState partsDecided(int seq) {
        long all = (1L << reports.parts[seq]) - 1;
        if ((reports.partsIn[seq] & all) != all) {
            return null;
        }
        return reports.partsWorst[seq] != null ? reports.partsWorst[seq] : DeliveryState.DELIVERED;
    }

    private Reports reports(InMemoryTx tx) {
        if (reports == null) {
            reports = new Reports(states.length);
            tx.onRollback(() -> reports = null);
        }
        return reports;
    }

    /** Whether a delivery that may have reached the channel is still without a result. */
    boolean issuedAndPending() {
        for (int seq = firstPending; seq <= issuedThrough && seq < states.length; seq++) {
            if (states[seq] == DeliveryState.PENDING) {
                return true;
            }
        }
        return false;
    }

    boolean leasedBy(String owner) {
        return owner.equals(leaseOwner);
    }

    void advanceFirstPending() {
        while (firstPending < states.length && states[firstPending] != DeliveryState.PENDING) {
            firstPending++;
        }
    }

    /** Whether a sender holds its lease at {@code now}. */
    boolean leasedAt(Instant now) {
        return leaseOwner != null && leaseUntil.isAfter(now);
    }

    Delivery delivery(int seq) {
        return new Delivery(
                new DeliveryId(id, seq),
                recipients.get(seq),
                states[seq],
                attempts[seq],
                details[seq],
                completedAt[seq],
                reports == null ? null : reports.references[seq],
                reports == null ? null : reports.statuses[seq],
                reports == null ? null : reports.reportedAt[seq],
                variables.isEmpty() ? null : variables.get(seq));
    }

    Reservation view() {
        return new Reservation(
                id,
                customerId,
                subject,
                text,
                recipients.size(),
                sendAt,
                createdAt,
                idempotencyKey,
                progress.status(),
                progress.reason(),
                progress.sent(),
                progress.failed(),
                progress.cancelled(),
                progress.awaiting(),
                progress.delivered(),
                progress.undelivered(),
                progress.updatedAt(),
                sendingSpeed,
                rules);
    }
}
