package io.msgsvc.memory;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.memory.ReservationRow.Phase;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.CloseSummary;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.DispatchBacklog;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The dispatch queue in memory: due times, leases, pending deliveries and their results. */
final class InMemoryDispatchQueue implements DispatchQueue {
    private final InMemoryStorage storage;
    private final ReservationRows rows;
    private final InMemoryPauses pauses;

    InMemoryDispatchQueue(InMemoryStorage storage, ReservationRows rows) {
        this.storage = storage;
        this.rows = rows;
        this.pauses = new InMemoryPauses(rows);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return storage.read(() -> {
            Instant earliest = null;
            for (ReservationRow row : rows.queued()) {
                if (earliest != null && !row.dueAt.isBefore(earliest)) {
                    break;
                }
                if (row.paused) {
                    continue;
                }
                Instant ready =
                        row.leaseOwner == null || row.leaseUntil.isBefore(row.dueAt) ? row.dueAt : row.leaseUntil;
                if (earliest == null || ready.isBefore(earliest)) {
                    earliest = ready;
                }
            }
            return Optional.ofNullable(earliest);
        });
    }

    @Override
    public DispatchBacklog backlog(Instant now, int limit) {
        return storage.read(() -> {
            int waiting = 0;
            Instant oldest = null;
            int live = 0;
            int expired = 0;
            Set<String> liveOwners = new HashSet<>();
            Set<String> expiredOwners = new HashSet<>();
            for (ReservationRow row : rows.queued()) { // earliest due first
                if (row.dueAt.isAfter(now)) {
                    break;
                }
                if (row.leasedAt(now)) {
                    if (live < limit) {
                        live++;
                        liveOwners.add(row.leaseOwner);
                    }
                    continue;
                }
                if (row.leaseOwner != null && expired < limit) {
                    expired++;
                    expiredOwners.add(row.leaseOwner);
                }
                if (!row.paused && waiting < limit) {
                    oldest = oldest == null ? row.dueAt : oldest;
                    waiting++;
                }
            }
            return new DispatchBacklog(
                    waiting, oldest, live, expired, List.copyOf(liveOwners), List.copyOf(expiredOwners), now);
        });
    }

    @Override
    public List<ClaimedReservation> claimDue(
            StorageTx tx, Instant now, int limit, String owner, Duration lease, Collection<ReservationId> busy) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        List<ClaimedReservation> claimed = new ArrayList<>();
        for (ReservationRow row : rows.queued()) {
            if (claimed.size() >= limit || row.dueAt.isAfter(now)) {
                break;
            }
            if (row.leasedAt(now) || row.paused || busy.contains(row.id)) {
                continue;
            }
            row.changing(memory, rows);
            row.leaseOwner = owner;
            row.leaseUntil = now.plus(lease);
            claimed.add(new ClaimedReservation(
                    row.id,
                    row.customerId,
                    row.subject,
                    row.text,
                    row.size(),
                    row.phase == Phase.DISPATCHING,
                    row.cancelRequested,
                    row.issuedThrough,
                    row.sendingSpeed,
                    row.traceContext,
                    row.rules));
        }
        return claimed;
    }

    @Override
    public Written<Boolean> startDispatch(
            StorageTx tx, ReservationId id, String owner, ReservationEvent.DispatchStarted started, int issueThrough) {
        ReservationRow row = leased(id, owner);
        if (row == null || row.phase != Phase.SCHEDULED || row.paused) {
            return Written.quietly(false);
        }
        row.changing(InMemoryTx.of(tx, storage), rows);
        row.phase = Phase.DISPATCHING;
        if (!row.cancelRequested) {
            row.issuedThrough = Math.max(row.issuedThrough, issueThrough);
        }
        return Written.with(true, started);
    }

    @Override
    public boolean renewLease(StorageTx tx, ReservationId id, String owner, Instant now, Duration lease) {
        ReservationRow row = leased(id, owner);
        if (row == null) {
            return false;
        }
        row.changing(InMemoryTx.of(tx, storage), rows);
        row.leaseUntil = now.plus(lease);
        return true;
    }

    @Override
    public void releaseLease(StorageTx tx, ReservationId id, String owner, int issuedThrough) {
        ReservationRow row = leased(id, owner);
        if (row != null) {
            row.changing(InMemoryTx.of(tx, storage), rows);
            row.leaseOwner = null;
            row.leaseUntil = null;
            row.issuedThrough = issuedThrough;
        }
    }

    @Override
    public List<Delivery> pendingDeliveries(ReservationId id, int fromSequence, int limit) {
        return storage.read(() -> {
            ReservationRow row = rows.get(id);
            if (row == null) {
                return List.of();
            }
            List<Delivery> result = new ArrayList<>();
            for (int seq = Math.max(fromSequence, row.firstPending); seq < row.size() && result.size() < limit; seq++) {
                if (row.state(seq) == DeliveryState.PENDING) {
                    result.add(row.delivery(seq));
                }
            }
            return result;
        });
    }

    @Override
    public Written<ResultAck> recordResults(
            StorageTx tx, ReservationId id, String owner, List<RecordedResult> results, int issueThrough) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        ReservationRow row = rows.get(id);
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        row.changing(memory, rows);
        List<ReservationEvent> events = new ArrayList<>(results.size());
        for (RecordedResult r : results) {
            DeliveryResult result = r.result();
            int seq = result.deliveryId().sequence();
            if (!result.deliveryId().reservationId().equals(id) || row.state(seq) != DeliveryState.PENDING) {
                continue;
            }
            row.setDelivery(memory, seq, result.state(), result.attempts(), result.detail(), result.completedAt());
            if (result.state() == DeliveryState.SUBMITTED) {
                row.setReference(memory, seq, result.detail());
                rows.indexReference(memory, result.detail(), result.deliveryId());
            }
            events.add(r.event());
        }
        row.advanceFirstPending();
        boolean leaseHeld = owner.equals(row.leaseOwner);
        if (leaseHeld && !row.cancelRequested && !row.paused) {
            row.issuedThrough = Math.max(row.issuedThrough, issueThrough);
        }
        return new Written<>(new ResultAck(events.size(), row.cancelRequested, leaseHeld, row.paused), events);
    }

    @Override
    public boolean deferDelivery(
            StorageTx tx, DeliveryId id, String owner, int attempts, String error, Instant retryAt, int issuedThrough) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        ReservationRow row = leased(id.reservationId(), owner);
        int seq = id.sequence();
        if (row == null || row.state(seq) != DeliveryState.PENDING) {
            return false;
        }
        row.changing(memory, rows);
        row.setDelivery(memory, seq, DeliveryState.PENDING, attempts, error, null);
        if (!row.cancelRequested) {
            rows.moveDueAt(row, retryAt); // else it stays due (it was when claimed): the cancel goes ahead now
        }
        row.leaseOwner = null;
        row.leaseUntil = null;
        row.issuedThrough = issuedThrough;
        return true;
    }

    @Override
    public Written<Optional<CloseSummary>> close(StorageTx tx, ReservationId id, String owner, Closing closing) {
        ReservationRow row = leased(id, owner);
        if (row == null || row.phase == Phase.CLOSED) {
            return Written.quietly(Optional.empty());
        }
        return closeRow(InMemoryTx.of(tx, storage), row, closing).map(Optional::of);
    }

    @Override
    public Written<CancelOutcome> requestCancel(
            StorageTx tx, ReservationId id, Instant now, Closing.Cancelled closing) {
        InMemoryTx memory = InMemoryTx.of(tx, storage);
        ReservationRow row = rows.get(id);
        if (row == null) {
            throw new ReservationNotFoundException(id);
        }
        if (row.phase == Phase.CLOSED) {
            throw new ReservationNotCancellableException(id, row.progress.status());
        }
        boolean beingSent = row.leasedAt(now);
        if (beingSent || row.issuedAndPending()) {
            row.changing(memory, rows);
            row.cancelRequested = true;
            row.paused = false; // a cancel ends the pause: the next sender carries the cancel out
            if (!beingSent && row.dueAt.isAfter(now)) {
                rows.moveDueAt(row, now); // the next sender settles what may have reached the channel, then closes
            }
            return Written.quietly(CancelOutcome.CANCEL_REQUESTED);
        }
        return closeRow(memory, row, closing).map(summary -> CancelOutcome.CANCELLED);
    }

    @Override
    public Written<PauseOutcome> requestPause(StorageTx tx, ReservationId id, Instant now, UUID eventId) {
        return pauses.pause(InMemoryTx.of(tx, storage), id, now, eventId);
    }

    @Override
    public Written<ResumeOutcome> requestResume(StorageTx tx, ReservationId id, Instant now, UUID eventId) {
        return pauses.resume(InMemoryTx.of(tx, storage), id, now, eventId);
    }

    @Override
    public Written<RescheduleOutcome> requestReschedule(
            StorageTx tx, ReservationId id, Instant now, Instant sendAt, UUID eventId) {
        return pauses.reschedule(InMemoryTx.of(tx, storage), id, now, sendAt, eventId);
    }

    private Written<CloseSummary> closeRow(InMemoryTx tx, ReservationRow row, Closing closing) {
        int sent = 0;
        int failed = 0;
        int cancelled = 0;
        int expired = 0;
        List<Integer> pending = new ArrayList<>();
        for (int seq = 0; seq < row.size(); seq++) {
            DeliveryState state = row.state(seq);
            if (state == DeliveryState.PENDING) {
                pending.add(seq);
            } else if (state == DeliveryState.FAILED) {
                failed++;
            } else if (state == DeliveryState.CANCELLED) {
                cancelled++;
            } else if (state == DeliveryState.EXPIRED_UNSENT) {
                expired++;
            } else if (state.wasAccepted()) {
                sent++; // accepted by the channel, whatever its report says
            }
        }
        boolean expires = closing.pendingState() == DeliveryState.EXPIRED_UNSENT;
        CloseSummary summary = expires
                ? new CloseSummary(row.size(), sent, failed, cancelled, expired + pending.size())
                : new CloseSummary(row.size(), sent, failed, cancelled + pending.size(), expired);
        row.changing(tx, rows);
        for (int seq : pending) {
            Delivery d = row.delivery(seq);
            row.setDelivery(tx, seq, closing.pendingState(), d.attempts(), closing.pendingDetail(), closing.at());
        }
        row.advanceFirstPending();
        rows.unqueue(row);
        row.phase = Phase.CLOSED;
        row.leaseOwner = null;
        row.leaseUntil = null;
        return Written.with(summary, closing.event(row.id, row.customerId, summary));
    }

    private ReservationRow leased(ReservationId id, String owner) {
        ReservationRow row = rows.get(id);
        return row != null && row.leasedBy(owner) ? row : null;
    }
}
