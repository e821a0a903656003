package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.msgsvc.Msgsvc;
import io.msgsvc.MsgsvcHealth;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Msgsvc#health()} on the adapter under test: the due reservations that wait for a sender and how long the
 * earliest has, leases of a stopped node apart from live ones, events not yet relayed, and a storage that does not
 * answer reported rather than thrown. The engines here are built and never started, so nothing is sent or relayed
 * while the figures are read; time is a manual clock (a JDBC storage must keep the engine's time).
 */
public abstract class HealthContract {
    private final ManualClock clock = ManualClock.startingAt(EngineFixture.T0);
    private final List<Storage> storages = new ArrayList<>();
    private final List<Msgsvc> engines = new ArrayList<>();

    /** {@return a fresh, empty storage on the engine's clock} */
    protected abstract Storage newStorage();

    /**
     * Frees what {@link #newStorage()} opened.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void release(Storage storage) {}

    /**
     * Makes {@code storage} stop answering, as a database that went away (closes its connection pool). A storage
     * that cannot be cut off leaves this as it is: the test that needs it is skipped.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void cutOff(Storage storage) {
        Assumptions.abort("this storage cannot be cut off");
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(Msgsvc::close);
        storages.forEach(this::release);
    }

    @Test
    void dueReservationsWaitingForASenderAndHowLongTheEarliestHasWaited() {
        Msgsvc engine = stoppedEngine(newStorage());
        Instant t0 = clock.instant();
        reserve(engine, null);
        clock.advance(Duration.ofSeconds(10));
        reserve(engine, null);
        reserve(engine, t0.plus(Duration.ofHours(1))); // not due yet
        engine.pause("acme", reserve(engine, null).id()); // due, but paused: no sender takes it
        clock.advance(Duration.ofSeconds(20));

        MsgsvcHealth health = engine.health();

        assertThat(health.running()).isFalse();
        assertThat(health.storageReachable()).as(health.storageFailure()).isTrue();
        assertThat(health.checkedAt()).isEqualTo(clock.instant());
        assertThat(health.dispatch().waiting()).isEqualTo(2);
        assertThat(health.dispatch().oldestDueAt()).isEqualTo(t0);
        assertThat(health.oldestDueAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(health.dispatch().liveLeases()).isZero();
        assertThat(health.dispatch().expiredLeases()).isZero();
        // four registrations and a pause, none relayed: nothing runs the relay
        assertThat(health.outbox().unpublished()).isEqualTo(5);
        assertThat(health.oldestUnpublishedAge()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theLeaseOfANodeThatStoppedShowsExpiredBesideLiveOnes() {
        Storage storage = newStorage();
        Msgsvc engine = stoppedEngine(storage);
        Instant t0 = clock.instant();
        ReservationId left = reserve(engine, null).id();
        assertThat(claim(storage, "node-gone", Set.of())).containsExactly(left);
        clock.advance(Duration.ofSeconds(5));
        ReservationId taken = reserve(engine, null).id();
        clock.advance(Duration.ofSeconds(61)); // node-gone's lease of 60 s has run out
        assertThat(claim(storage, "node-alive", Set.of(left))).containsExactly(taken);

        MsgsvcHealth health = engine.health();

        assertThat(health.storageReachable()).as(health.storageFailure()).isTrue();
        assertThat(health.dispatch().liveLeases()).isEqualTo(1);
        assertThat(health.dispatch().liveLeaseOwners()).containsExactly("node-alive");
        assertThat(health.dispatch().expiredLeases()).isEqualTo(1);
        assertThat(health.dispatch().expiredLeaseOwners()).containsExactly("node-gone");
        // the expired one waits for a sender to take it over; the live one is being sent
        assertThat(health.dispatch().waiting()).isEqualTo(1);
        assertThat(health.dispatch().oldestDueAt()).isEqualTo(t0);
        assertThat(health.oldestDueAge()).isEqualTo(Duration.ofSeconds(66));
    }

    @Test
    void aStorageThatDoesNotAnswerIsReportedNotThrown() {
        Storage storage = newStorage();
        Msgsvc engine = stoppedEngine(storage);
        reserve(engine, null);
        assertThat(engine.health().storageReachable())
                .as(engine.health().storageFailure())
                .isTrue();

        cutOff(storage);
        MsgsvcHealth health = engine.health();

        assertThat(health.storageReachable()).isFalse();
        assertThat(health.healthy()).isFalse();
        assertThat(health.storageFailure()).isNotBlank();
        assertThat(health.dispatch()).isNull();
        assertThat(health.outbox()).isNull();
        assertThat(health.oldestDueAge()).isZero();
    }

    /** Built, never started: registrations are stored, nothing is claimed, sent or relayed. */
    private Msgsvc stoppedEngine(Storage storage) {
        storages.add(storage);
        Msgsvc engine = Msgsvc.builder()
                .storage(storage)
                .channel(new RecordingChannel())
                .clock(clock)
                .inlineProjection(false) // every event to the outbox, where it stays
                .build();
        engines.add(engine);
        return engine;
    }

    private Reservation reserve(Msgsvc engine, Instant sendAt) {
        return engine.reserve(
                EngineFixture.request("acme", "Hi", "+1").sendAt(sendAt).build());
    }

    private List<ReservationId> claim(Storage storage, String node, Set<ReservationId> busy) {
        return storage
                .inTransaction(tx ->
                        storage.dispatchQueue().claimDue(tx, clock.instant(), 1, node, Duration.ofSeconds(60), busy))
                .stream()
                .map(c -> c.id())
                .toList();
    }
}
