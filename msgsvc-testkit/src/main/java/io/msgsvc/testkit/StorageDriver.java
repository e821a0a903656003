package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.PauseOutcome;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.RescheduleOutcome;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ResumeOutcome;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.Closing;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.DeliveryResult;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The store operations of the storage contracts, each as the engine runs it: in a transaction of the storage, with
 * the events a write produced appended to the outbox in that transaction. Times are real, as database stores take
 * them from the database clock.
 */
public final class StorageDriver {
    static final Duration LONG_LEASE = Duration.ofMinutes(5);
    /** The issue mark of a reservation no sender has called the channel for. */
    static final int NOTHING_ISSUED = -1;

    final Storage storage;
    final Registrations registrations;
    final DispatchQueue queue;

    StorageDriver(Storage storage) {
        this.storage = storage;
        this.registrations = storage.registrations();
        this.queue = storage.dispatchQueue();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    NewReservation reservation(String customer, String key, Instant sendAt, String... recipients) {
        return new NewReservation(
                ReservationId.random(),
                customer,
                "subject",
                "text",
                List.of(recipients),
                sendAt,
                now(),
                key,
                fingerprint(recipients));
    }

    /** Shaped like the engine's SHA-256 hex fingerprints. */
    static String fingerprint(String... recipients) {
        return String.format(
                "%064x",
                new BigInteger(1, String.join(",", recipients).getBytes(StandardCharsets.UTF_8))
                        .mod(BigInteger.TWO.pow(255)));
    }

    /** A store write as the engine makes it: its events go to the outbox in its transaction. */
    <T> T write(Function<StorageTx, Written<T>> change) {
        return storage.inTransaction(tx -> {
            Written<T> written = change.apply(tx);
            storage.outbox().append(tx, written.events());
            return written.value();
        });
    }

    Registration register(NewReservation r) {
        Reserved reserved = new Reserved(
                UUID.randomUUID(),
                r.id(),
                r.customerId(),
                r.createdAt(),
                r.recipients().size(),
                r.sendAt());
        return write(tx -> registrations.register(tx, r, reserved));
    }

    List<ReservationEvent> drainOutbox() {
        List<ReservationEvent> events = new ArrayList<>();
        List<OutboxEntry> batch;
        while (!(batch = storage.inTransaction(tx -> storage.outbox().poll(tx, 100))).isEmpty()) {
            batch.forEach(e -> events.add(e.event()));
            List<OutboxEntry> published = batch;
            storage.inTransaction(tx -> {
                storage.outbox().markPublished(tx, published);
                return null;
            });
        }
        return events;
    }

    List<ClaimedReservation> claim(int limit, String owner, Duration lease, Set<ReservationId> busy) {
        return storage.inTransaction(tx -> queue.claimDue(tx, Instant.now(), limit, owner, lease, busy));
    }

    ClaimedReservation claimOne(String owner, Duration lease) {
        List<ClaimedReservation> claimed = claim(1, owner, lease, Set.of());
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    boolean renew(ReservationId id, String owner, Duration lease) {
        return storage.inTransaction(tx -> queue.renewLease(tx, id, owner, Instant.now(), lease));
    }

    boolean startDispatch(ReservationId id, String owner, ReservationEvent.DispatchStarted started) {
        return write(tx -> queue.startDispatch(tx, id, owner, started, NOTHING_ISSUED));
    }

    boolean startDispatch(ReservationId id, String owner, ReservationEvent.DispatchStarted started, int issueThrough) {
        return write(tx -> queue.startDispatch(tx, id, owner, started, issueThrough));
    }

    void releaseLease(ReservationId id, String owner, int issuedThrough) {
        storage.inTransaction(tx -> {
            queue.releaseLease(tx, id, owner, issuedThrough);
            return null;
        });
    }

    void releaseLease(ReservationId id, String owner) {
        storage.inTransaction(tx -> {
            queue.releaseLease(tx, id, owner, NOTHING_ISSUED);
            return null;
        });
    }

    ResultAck record(String owner, ReservationId id, List<RecordedResult> results) {
        return record(owner, id, results, NOTHING_ISSUED);
    }

    ResultAck record(String owner, ReservationId id, List<RecordedResult> results, int issueThrough) {
        return write(tx -> queue.recordResults(tx, id, owner, results, issueThrough));
    }

    boolean defer(DeliveryId id, String owner, int attempts, String error, Instant retryAt, int issuedThrough) {
        return storage.inTransaction(tx -> queue.deferDelivery(tx, id, owner, attempts, error, retryAt, issuedThrough));
    }

    boolean defer(DeliveryId id, String owner, int attempts, String error, Instant retryAt) {
        return storage.inTransaction(
                tx -> queue.deferDelivery(tx, id, owner, attempts, error, retryAt, NOTHING_ISSUED));
    }

    CancelOutcome cancel(ReservationId id) {
        return write(tx -> queue.requestCancel(tx, id, Instant.now(), Closing.cancelled(now())));
    }

    PauseOutcome pause(ReservationId id) {
        return write(tx -> queue.requestPause(tx, id, Instant.now(), UUID.randomUUID()));
    }

    ResumeOutcome resume(ReservationId id) {
        return write(tx -> queue.requestResume(tx, id, Instant.now(), UUID.randomUUID()));
    }

    RescheduleOutcome reschedule(ReservationId id, Instant sendAt) {
        return write(tx -> queue.requestReschedule(tx, id, Instant.now(), sendAt, UUID.randomUUID()));
    }

    Set<UUID> applyStatus(List<ProgressUpdate> updates) {
        return storage.inTransaction(tx -> storage.statuses().apply(tx, updates, Deduplication.REQUIRED));
    }

    boolean applyStatus(UUID eventId, ProgressDelta delta) {
        return !applyStatus(List.of(new ProgressUpdate(eventId, delta))).isEmpty();
    }

    List<DashboardView> applyDashboard(List<ProgressUpdate> updates) {
        return storage.inTransaction(tx -> storage.dashboard().apply(tx, updates, Deduplication.REQUIRED));
    }

    List<DashboardView> applyDashboard(UUID eventId, ProgressDelta delta) {
        return applyDashboard(List.of(new ProgressUpdate(eventId, delta)));
    }

    List<Charge> charge(List<Charge> charges) {
        return storage.inTransaction(tx -> storage.billing().charge(tx, charges, Deduplication.REQUIRED));
    }

    Set<UUID> count(List<StatisticsIncrement> increments) {
        return storage.inTransaction(tx -> storage.statistics().add(tx, increments, Deduplication.REQUIRED));
    }

    RecordedResult sent(ReservationId id, String customer, int seq) {
        Instant at = now();
        DeliveryId d = new DeliveryId(id, seq);
        return new RecordedResult(
                new DeliveryResult(d, DeliveryState.SENT, 1, "ref-" + seq, at),
                new MsgSent(UUID.randomUUID(), id, customer, at, d, "+" + seq, 1, "ref-" + seq, MessageType.SMS, 1));
    }

    /** A reporting channel's accepted send, with the provider's reference {@code ref-<seq>}. */
    RecordedResult submitted(ReservationId id, String customer, int seq) {
        Instant at = now();
        DeliveryId d = new DeliveryId(id, seq);
        return new RecordedResult(
                new DeliveryResult(d, DeliveryState.SUBMITTED, 1, "ref-" + seq, at),
                new MsgSubmitted(
                        UUID.randomUUID(), id, customer, at, d, "+" + seq, 1, "ref-" + seq, MessageType.SMS, 1));
    }

    List<ReportOutcome> report(DeliveryReport... reports) {
        return write(tx -> storage.deliveryReports().apply(tx, List.of(reports), now()));
    }

    void charge(StorageTx tx, Charge charge) {
        storage.billing().charge(tx, List.of(charge), Deduplication.REQUIRED);
    }
}
