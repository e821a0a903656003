package io.msgsvc.memory;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.ResultAck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The write model in memory. One lock guards everything, which makes each method one atomic step, the in-memory
 * equivalent of a transaction. Applied-event ids are kept for the life of the store.
 */
final class InMemoryReservationStore implements ReservationStore {

    private enum Phase {
        SCHEDULED,
        DISPATCHING,
        CLOSED
    }

    private static final Comparator<Row> BY_DUE =
            Comparator.comparing((Row r) -> r.dueAt).thenComparing(r -> r.id.value());

    private final Map<ReservationId, Row> rows = new HashMap<>();
    private final Map<String, List<Row>> rowsByCustomer = new HashMap<>();
    private final Map<String, Row> rowsByIdempotencyKey = new HashMap<>();
    /** Open reservations by due time; leased ones stay in it and are skipped while their lease lives. */
    private final TreeSet<Row> open = new TreeSet<>(BY_DUE);

    private final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
    private final Set<UUID> appliedProgress = new HashSet<>();
    private long nextOutboxPosition = 1;

    @Override
    public synchronized Registration register(NewReservation r, ReservationEvent.Reserved reserved) {
        String keyIndex = r.idempotencyKey() == null ? null : r.customerId() + '\u0000' + r.idempotencyKey();
        if (keyIndex != null) {
            Row existing = rowsByIdempotencyKey.get(keyIndex);
            if (existing != null) {
                return new Registration(existing.view(), false, existing.fingerprint);
            }
        }
        Row row = new Row(r);
        rows.put(row.id, row);
        rowsByCustomer.computeIfAbsent(row.customerId, c -> new ArrayList<>()).add(row);
        if (keyIndex != null) {
            rowsByIdempotencyKey.put(keyIndex, row);
        }
        open.add(row);
        append(reserved);
        return new Registration(row.view(), true, row.fingerprint);
    }

    @Override
    public synchronized Optional<Reservation> find(ReservationId id) {
        return Optional.ofNullable(rows.get(id)).map(Row::view);
    }

    @Override
    public synchronized List<Delivery> deliveries(ReservationId id, int fromSequence, int limit) {
        Row row = rows.get(id);
        if (row == null) {
            return List.of();
        }
        int end = (int) Math.min(row.recipients.size(), (long) Math.max(fromSequence, 0) + limit);
        List<Delivery> result = new ArrayList<>(Math.max(0, end - fromSequence));
        for (int seq = Math.max(fromSequence, 0); seq < end; seq++) {
            result.add(row.delivery(seq));
        }
        return result;
    }

    @Override
    public synchronized Page<Reservation> findByCustomer(String customerId, PageRequest page) {
        List<Row> all = rowsByCustomer.getOrDefault(customerId, List.of());
        List<Reservation> items = new ArrayList<>();
        long start = page.offset();
        for (long i = start; i < all.size() && items.size() < page.size(); i++) {
            items.add(all.get(all.size() - 1 - (int) i).view());
        }
        return new Page<>(items, page.page(), page.size(), all.size());
    }

    @Override
    public synchronized Optional<Instant> nextDueAt() {
        Instant earliest = null;
        for (Row row : open) {
            if (earliest != null && !row.dueAt.isBefore(earliest)) {
                break;
            }
            Instant ready = row.leaseOwner == null || row.leaseUntil.isBefore(row.dueAt) ? row.dueAt : row.leaseUntil;
            if (earliest == null || ready.isBefore(earliest)) {
                earliest = ready;
            }
        }
        return Optional.ofNullable(earliest);
    }

    @Override
    public synchronized List<ClaimedReservation> claimDue(
            Instant now, int limit, String owner, Duration lease, Collection<ReservationId> busy) {
        List<ClaimedReservation> claimed = new ArrayList<>();
        for (Row row : open) {
            if (claimed.size() >= limit || row.dueAt.isAfter(now)) {
                break;
            }
            if (row.leaseOwner != null && row.leaseUntil.isAfter(now) || busy.contains(row.id)) {
                continue;
            }
            row.leaseOwner = owner;
            row.leaseUntil = now.plus(lease);
            claimed.add(new ClaimedReservation(
                    row.id,
                    row.customerId,
                    row.subject,
                    row.text,
                    row.recipients.size(),
                    row.phase == Phase.DISPATCHING,
                    row.cancelRequested));
        }
        return claimed;
    }

    @Override
    public synchronized boolean startDispatch(ReservationId id, String owner, ReservationEvent.DispatchStarted event) {
        Row row = leased(id, owner);
        if (row == null || row.phase != Phase.SCHEDULED) {
            return false;
        }
        row.phase = Phase.DISPATCHING;
        append(event);
        return true;
    }

    @Override
    public synchronized boolean renewLease(ReservationId id, String owner, Instant now, Duration lease) {
        Row row = leased(id, owner);
        if (row == null) {
            return false;
        }
        row.leaseUntil = now.plus(lease);
        return true;
    }

    @Override
    public synchronized void releaseLease(ReservationId id, String owner) {
        Row row = leased(id, owner);
        if (row != null) {
            row.leaseOwner = null;
            row.leaseUntil = null;
        }
    }

    @Override
    public synchronized List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit) {
        Row row = rows.get(id);
        if (row == null) {
            return List.of();
        }
        List<Delivery> result = new ArrayList<>();
        for (int seq = Math.max(fromSequence, row.firstPending);
                seq < row.recipients.size() && result.size() < limit;
                seq++) {
            if (row.states[seq] == DeliveryState.PENDING) {
                result.add(row.delivery(seq));
            }
        }
        return result;
    }

    @Override
    public synchronized ResultAck recordResults(ReservationId id, List<RecordedResult> results) {
        Row row = rows.get(id);
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        int recorded = 0;
        for (RecordedResult r : results) {
            DeliveryResult result = r.result();
            int seq = result.deliveryId().sequence();
            if (!result.deliveryId().reservationId().equals(id) || row.states[seq] != DeliveryState.PENDING) {
                continue;
            }
            row.states[seq] = result.state();
            row.attempts[seq] = result.attempts();
            row.details[seq] = result.detail();
            row.completedAt[seq] = result.completedAt();
            append(r.event());
            recorded++;
        }
        row.advanceFirstPending();
        return new ResultAck(recorded, row.cancelRequested);
    }

    @Override
    public synchronized boolean deferDelivery(
            DeliveryId id, String owner, int attempts, String error, Instant retryAt) {
        Row row = leased(id.reservationId(), owner);
        if (row == null || row.states[id.sequence()] != DeliveryState.PENDING) {
            return false;
        }
        row.attempts[id.sequence()] = attempts;
        row.details[id.sequence()] = error;
        open.remove(row);
        row.dueAt = retryAt;
        row.leaseOwner = null;
        row.leaseUntil = null;
        open.add(row);
        return true;
    }

    @Override
    public synchronized Optional<CloseSummary> close(
            ReservationId id,
            String owner,
            String cancelReason,
            Function<CloseSummary, ? extends ReservationEvent> closingEvent) {
        Row row = leased(id, owner);
        if (row == null || row.phase == Phase.CLOSED) {
            return Optional.empty();
        }
        return Optional.of(closeRow(row, cancelReason, closingEvent));
    }

    @Override
    public synchronized CancelOutcome requestCancel(
            ReservationId id, Instant now, Function<CloseSummary, ? extends ReservationEvent> cancelledEvent) {
        Row row = rows.get(id);
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        if (row.phase == Phase.CLOSED) {
            throw new ReservationNotCancellableException(id, row.status);
        }
        if (row.leaseOwner != null && row.leaseUntil.isAfter(now)) {
            row.cancelRequested = true;
            return CancelOutcome.CANCEL_REQUESTED;
        }
        closeRow(row, CUSTOMER_CANCEL_REASON, cancelledEvent);
        return CancelOutcome.CANCELLED;
    }

    private CloseSummary closeRow(
            Row row, String cancelReason, Function<CloseSummary, ? extends ReservationEvent> closingEvent) {
        int sent = 0;
        int failed = 0;
        int cancelled = 0;
        List<Integer> cancelledNow = new ArrayList<>();
        for (int seq = 0; seq < row.states.length; seq++) {
            switch (row.states[seq]) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case PENDING -> cancelledNow.add(seq);
            }
        }
        CloseSummary summary = new CloseSummary(row.states.length, sent, failed, cancelled + cancelledNow.size());
        ReservationEvent event = closingEvent.apply(summary);
        for (int seq : cancelledNow) {
            row.states[seq] = DeliveryState.CANCELLED;
            row.details[seq] = cancelReason;
            row.completedAt[seq] = event.occurredAt();
        }
        row.advanceFirstPending();
        open.remove(row);
        row.phase = Phase.CLOSED;
        row.leaseOwner = null;
        row.leaseUntil = null;
        append(event);
        return summary;
    }

    @Override
    public synchronized List<OutboxEntry> pollOutbox(int limit) {
        List<OutboxEntry> batch = new ArrayList<>(Math.min(limit, outbox.size()));
        for (OutboxEntry entry : outbox.values()) {
            if (batch.size() >= limit) {
                break;
            }
            batch.add(entry);
        }
        return batch;
    }

    @Override
    public synchronized void markPublished(List<OutboxEntry> entries) {
        for (OutboxEntry entry : entries) {
            outbox.remove(entry.position());
        }
    }

    @Override
    public synchronized Set<UUID> applyProgress(List<ProgressUpdate> updates) {
        Set<UUID> applied = new java.util.LinkedHashSet<>();
        for (ProgressUpdate update : updates) {
            if (!appliedProgress.add(update.eventId())) {
                continue;
            }
            applied.add(update.eventId());
            ProgressDelta delta = update.delta();
            Row row = rows.get(delta.reservationId());
            if (row != null) {
                row.sent += delta.sent();
                row.failed += delta.failed();
                row.cancelled += delta.cancelled();
                ReservationStatus next = delta.nextStatus(row.status);
                if (next != row.status) {
                    row.status = next;
                    if (delta.reason() != null) {
                        row.statusReason = delta.reason();
                    }
                }
                row.updatedAt = delta.at();
            }
        }
        return applied;
    }

    private Row leased(ReservationId id, String owner) {
        Row row = rows.get(id);
        return row != null && owner.equals(row.leaseOwner) ? row : null;
    }

    private void append(ReservationEvent event) {
        long position = nextOutboxPosition++;
        outbox.put(position, new OutboxEntry(position, event));
    }

    private static final class Row {
        final ReservationId id;
        final String customerId;
        final String subject;
        final String text;
        final List<String> recipients;
        final Instant sendAt;
        final Instant createdAt;
        final String idempotencyKey;
        final String fingerprint;
        final DeliveryState[] states;
        final int[] attempts;
        final String[] details;
        final Instant[] completedAt;
        /** Every delivery before it has a result; keeps "first pending" cheap on long lists. */
        int firstPending;

        Instant dueAt;
        Phase phase = Phase.SCHEDULED;
        String leaseOwner;
        Instant leaseUntil;
        boolean cancelRequested;
        ReservationStatus status = ReservationStatus.SCHEDULED;
        String statusReason;
        int sent;
        int failed;
        int cancelled;
        Instant updatedAt;

        Row(NewReservation r) {
            id = r.id();
            customerId = r.customerId();
            subject = r.subject();
            text = r.text();
            recipients = r.recipients();
            sendAt = r.sendAt();
            createdAt = r.createdAt();
            idempotencyKey = r.idempotencyKey();
            fingerprint = r.requestFingerprint();
            int n = recipients.size();
            states = new DeliveryState[n];
            java.util.Arrays.fill(states, DeliveryState.PENDING);
            attempts = new int[n];
            details = new String[n];
            completedAt = new Instant[n];
            dueAt = sendAt;
            updatedAt = createdAt;
        }

        void advanceFirstPending() {
            while (firstPending < states.length && states[firstPending] != DeliveryState.PENDING) {
                firstPending++;
            }
        }

        Delivery delivery(int seq) {
            return new Delivery(
                    new DeliveryId(id, seq),
                    recipients.get(seq),
                    states[seq],
                    attempts[seq],
                    details[seq],
                    completedAt[seq]);
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
                    status,
                    statusReason,
                    sent,
                    failed,
                    cancelled,
                    updatedAt);
        }
    }
}
