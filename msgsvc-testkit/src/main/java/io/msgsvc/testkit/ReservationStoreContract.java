package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.CancelOutcome;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendCompleted;
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
import io.msgsvc.spi.RecordedResult;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.ReservationStore;
import io.msgsvc.spi.ResultAck;
import io.msgsvc.spi.Storage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReservationStore} (and the projection stores beside it) must do, run against each adapter.
 * Times are real and leases short, because database stores measure leases on the database clock.
 */
public abstract class ReservationStoreContract {
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);

    protected abstract Storage newStorage();

    /** Frees what {@link #newStorage()} opened. */
    protected void release(Storage storage) {}

    private Storage storage;
    private ReservationStore store;

    @BeforeEach
    void freshStore() {
        storage = newStorage();
        store = storage.reservations();
    }

    @org.junit.jupiter.api.AfterEach
    void releaseStore() {
        release(storage);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private NewReservation reservation(String customer, String key, Instant sendAt, String... recipients) {
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
    private static String fingerprint(String... recipients) {
        return String.format(
                "%064x",
                new java.math.BigInteger(
                                1, String.join(",", recipients).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .mod(java.math.BigInteger.TWO.pow(255)));
    }

    private Registration register(NewReservation r) {
        return store.register(
                r,
                new Reserved(
                        UUID.randomUUID(),
                        r.id(),
                        r.customerId(),
                        r.createdAt(),
                        r.recipients().size(),
                        r.sendAt()));
    }

    private List<ReservationEvent> drainOutbox() {
        List<ReservationEvent> events = new ArrayList<>();
        List<OutboxEntry> batch;
        while (!(batch = store.pollOutbox(100)).isEmpty()) {
            batch.forEach(e -> events.add(e.event()));
            store.markPublished(batch);
        }
        return events;
    }

    private ClaimedReservation claimOne(String owner, Duration lease) {
        List<ClaimedReservation> claimed = store.claimDue(Instant.now(), 1, owner, lease, Set.of());
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private RecordedResult sent(ReservationId id, String customer, int seq) {
        Instant at = now();
        DeliveryId d = new DeliveryId(id, seq);
        return new RecordedResult(
                new DeliveryResult(d, DeliveryState.SENT, 1, "ref-" + seq, at),
                new MsgSent(UUID.randomUUID(), id, customer, at, d, "+" + seq, 1, "ref-" + seq));
    }

    @Test
    void registrationStoresReservationDeliveriesInOrderAndTheReservedEvent() {
        NewReservation r = reservation("acme", null, now(), "+3", "+1", "+2");
        Registration reg = register(r);

        assertThat(reg.created()).isTrue();
        Reservation stored = store.find(r.id()).orElseThrow();
        assertThat(stored.customerId()).isEqualTo("acme");
        assertThat(stored.recipientCount()).isEqualTo(3);
        assertThat(stored.status()).isEqualTo(ReservationStatus.SCHEDULED);
        assertThat(store.deliveries(r.id(), 0, 10))
                .extracting(Delivery::recipient)
                .containsExactly("+3", "+1", "+2");
        assertThat(store.deliveries(r.id(), 1, 1))
                .extracting(Delivery::recipient)
                .containsExactly("+1");
        assertThat(drainOutbox())
                .singleElement()
                .isInstanceOf(Reserved.class)
                .extracting(ReservationEvent::reservationId)
                .isEqualTo(r.id());
        assertThat(drainOutbox())
                .as("published events are not handed out again")
                .isEmpty();
    }

    @Test
    void aLargeRecipientListIsStoredWhole() {
        String[] recipients = IntStream.range(0, 5_000).mapToObj(i -> "+" + i).toArray(String[]::new);
        NewReservation r = reservation("acme", null, now(), recipients);
        register(r);
        List<Delivery> last = store.deliveries(r.id(), 4_998, 10);
        assertThat(last).extracting(Delivery::recipient).containsExactly("+4998", "+4999");
        assertThat(store.pendingDeliveries(r.id(), 0, 10_000)).hasSize(5_000);
    }

    @Test
    void theSameIdempotencyKeyReturnsTheStoredReservation() {
        NewReservation first = reservation("acme", "key-1", now(), "+1");
        register(first);
        Registration again = register(reservation("acme", "key-1", now(), "+1", "+2"));

        assertThat(again.created()).isFalse();
        assertThat(again.reservation().id()).isEqualTo(first.id());
        assertThat(again.requestFingerprint()).isEqualTo(first.requestFingerprint());
        assertThat(register(reservation("globex", "key-1", now(), "+1")).created())
                .isTrue();
        assertThat(store.findByCustomer("acme", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsWithOneKeyStoreOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Registration> call = () -> register(reservation("acme", "same", now(), "+1"));
            List<Future<Registration>> futures =
                    pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> call).toList());
            List<ReservationId> ids = new ArrayList<>();
            for (Future<Registration> f : futures) {
                ids.add(f.get().reservation().id());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(store.findByCustomer("acme", PageRequest.of(0, 10)).totalItems())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyDueReservationsAreClaimedAndALeaseIsExclusiveUntilItExpires() {
        NewReservation due = reservation("acme", null, now().minusSeconds(1), "+1");
        NewReservation later = reservation("acme", null, now().plus(Duration.ofHours(1)), "+1");
        register(due);
        register(later);

        assertThat(store.nextDueAt()).hasValueSatisfying(t -> assertThat(t).isBeforeOrEqualTo(Instant.now()));
        ClaimedReservation claimed = claimOne("node-a", Duration.ofMillis(300));
        assertThat(claimed.id()).isEqualTo(due.id());
        assertThat(claimed.started()).isFalse();
        assertThat(store.claimDue(Instant.now(), 10, "node-b", LONG_LEASE, Set.of()))
                .isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !store.claimDue(Instant.now(), 10, "node-b", LONG_LEASE, Set.of())
                        .isEmpty());
        assertThat(store.renewLease(due.id(), "node-a", Instant.now(), LONG_LEASE))
                .as("node-a lost it")
                .isFalse();
        assertThat(store.renewLease(due.id(), "node-b", Instant.now(), LONG_LEASE))
                .isTrue();
    }

    @Test
    void busyReservationsAreNotClaimedAgainByTheirSender() {
        NewReservation r = reservation("acme", null, now().minusSeconds(1), "+1");
        register(r);
        assertThat(store.claimDue(Instant.now(), 10, "node-a", LONG_LEASE, Set.of(r.id())))
                .isEmpty();
        assertThat(store.claimDue(Instant.now(), 10, "node-a", LONG_LEASE, Set.of()))
                .hasSize(1);
    }

    @Test
    void dispatchStartsOnceAndOnlyForTheLeaseHolder() {
        NewReservation r = reservation("acme", null, now(), "+1");
        register(r);
        claimOne("node-a", LONG_LEASE);
        var started = new ReservationEvent.DispatchStarted(UUID.randomUUID(), r.id(), "acme", now());

        assertThat(store.startDispatch(r.id(), "node-b", started)).isFalse();
        assertThat(store.startDispatch(r.id(), "node-a", started)).isTrue();
        assertThat(store.startDispatch(r.id(), "node-a", started)).isFalse();
        store.releaseLease(r.id(), "node-a");
        assertThat(claimOne("node-b", LONG_LEASE).started()).isTrue();
        assertThat(drainOutbox()).extracting(ReservationEvent::type).containsExactly("Reserved", "DispatchStarted");
    }

    @Test
    void aResultIsRecordedOnceWithItsEvent() {
        NewReservation r = reservation("acme", null, now(), "+0", "+1", "+2");
        register(r);
        claimOne("node-a", LONG_LEASE);
        drainOutbox();

        ResultAck first = store.recordResults(r.id(), List.of(sent(r.id(), "acme", 0), sent(r.id(), "acme", 1)));
        ResultAck repeat = store.recordResults(r.id(), List.of(sent(r.id(), "acme", 1), sent(r.id(), "acme", 2)));

        assertThat(first.recorded()).isEqualTo(2);
        assertThat(repeat.recorded()).as("delivery 1 already had its result").isEqualTo(1);
        assertThat(store.deliveries(r.id(), 0, 10)).extracting(Delivery::state).containsOnly(DeliveryState.SENT);
        assertThat(store.deliveries(r.id(), 0, 10))
                .extracting(Delivery::detail)
                .containsExactly("ref-0", "ref-1", "ref-2");
        assertThat(drainOutbox())
                .extracting(e -> ((MsgSent) e).deliveryId().sequence())
                .containsExactly(0, 1, 2);
        assertThat(store.pendingDeliveries(r.id(), 0, 10)).isEmpty();
    }

    @Test
    void aDeferredDeliveryMakesTheReservationDueAgainAndReleasesTheLease() {
        NewReservation r = reservation("acme", null, now(), "+0", "+1");
        register(r);
        claimOne("node-a", LONG_LEASE);
        Instant retryAt = now().plus(Duration.ofHours(1));

        assertThat(store.deferDelivery(new DeliveryId(r.id(), 0), "node-b", 1, "busy", retryAt))
                .isFalse();
        assertThat(store.deferDelivery(new DeliveryId(r.id(), 0), "node-a", 1, "busy", retryAt))
                .isTrue();

        Delivery first = store.pendingDeliveries(r.id(), 0, 1).get(0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.detail()).isEqualTo("busy");
        assertThat(store.claimDue(Instant.now(), 10, "node-b", LONG_LEASE, Set.of()))
                .isEmpty();
        assertThat(store.nextDueAt()).hasValueSatisfying(t -> assertThat(t).isAfter(Instant.now()));
    }

    @Test
    void closingCancelsWhatIsPendingAndWritesTheEventFromTheFinalCounts() {
        NewReservation r = reservation("acme", null, now(), "+0", "+1", "+2");
        register(r);
        claimOne("node-a", LONG_LEASE);
        store.recordResults(r.id(), List.of(sent(r.id(), "acme", 0)));
        drainOutbox();

        Optional<CloseSummary> summary = store.close(
                r.id(),
                "node-a",
                "rejected: too long",
                s -> new SendCompleted(UUID.randomUUID(), r.id(), "acme", now(), s.sent(), s.failed()));
        Optional<CloseSummary> again = store.close(
                r.id(),
                "node-a",
                "x",
                s -> new SendCompleted(UUID.randomUUID(), r.id(), "acme", now(), s.sent(), s.failed()));

        assertThat(summary).contains(new CloseSummary(3, 1, 0, 2));
        assertThat(again).isEmpty();
        assertThat(store.deliveries(r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.CANCELLED, DeliveryState.CANCELLED);
        assertThat(store.deliveries(r.id(), 1, 1).get(0).detail()).isEqualTo("rejected: too long");
        assertThat(drainOutbox()).extracting(ReservationEvent::type).containsExactly("SendCompleted");
        assertThat(store.claimDue(Instant.now(), 10, "node-b", LONG_LEASE, Set.of()))
                .isEmpty();
    }

    @Test
    void cancelClosesAnIdleReservationAndFlagsALeasedOne() {
        NewReservation idle = reservation("acme", null, now().plus(Duration.ofHours(1)), "+0", "+1");
        NewReservation busy = reservation("acme", null, now(), "+0", "+1");
        register(idle);
        register(busy);
        claimOne("node-a", LONG_LEASE);

        assertThat(store.requestCancel(idle.id(), Instant.now(), s -> cancelled(idle.id(), s)))
                .isEqualTo(CancelOutcome.CANCELLED);
        assertThat(store.requestCancel(busy.id(), Instant.now(), s -> cancelled(busy.id(), s)))
                .isEqualTo(CancelOutcome.CANCEL_REQUESTED);
        assertThat(store.recordResults(busy.id(), List.of(sent(busy.id(), "acme", 0)))
                        .cancelRequested())
                .isTrue();
        assertThat(store.deliveries(idle.id(), 0, 10))
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.CANCELLED);
        assertThatThrownBy(() -> store.requestCancel(idle.id(), Instant.now(), s -> cancelled(idle.id(), s)))
                .isInstanceOf(ReservationNotCancellableException.class);
        assertThatThrownBy(
                        () -> store.requestCancel(ReservationId.random(), Instant.now(), s -> cancelled(idle.id(), s)))
                .isInstanceOf(ReservationNotFoundException.class);
    }

    private static ReservationEvent cancelled(ReservationId id, CloseSummary s) {
        return new ReservationEvent.ReservationCancelled(UUID.randomUUID(), id, "acme", now(), s.cancelled());
    }

    @Test
    void progressIsAppliedOncePerEventAndNeverReopensAnEndedReservation() {
        NewReservation r = reservation("acme", null, now(), "+0", "+1");
        register(r);
        UUID sentEvent = UUID.randomUUID();
        ProgressDelta oneSent =
                new ProgressDelta(r.id(), "acme", 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, now());
        ProgressDelta ended = new ProgressDelta(r.id(), "acme", 0, 0, 0, 0, ReservationStatus.COMPLETED, null, now());
        ProgressDelta late = new ProgressDelta(r.id(), "acme", 0, 0, 0, 0, ReservationStatus.DISPATCHING, null, now());

        assertThat(store.applyProgress(sentEvent, oneSent)).isTrue();
        assertThat(store.applyProgress(sentEvent, oneSent)).isFalse();
        assertThat(store.applyProgress(UUID.randomUUID(), ended)).isTrue();
        assertThat(store.applyProgress(UUID.randomUUID(), late)).isTrue();

        Reservation stored = store.find(r.id()).orElseThrow();
        assertThat(stored.sent()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(ReservationStatus.COMPLETED);
    }

    @Test
    void batchesApplyEachEventOnceEvenWhenItRepeatsWithinTheBatch() {
        NewReservation r = reservation("acme", null, now(), "+0", "+1");
        register(r);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        ProgressDelta oneSent =
                new ProgressDelta(r.id(), "acme", 0, 1, 0, 0, ReservationStatus.DISPATCHING, null, now());
        var updates = List.of(
                new io.msgsvc.spi.ProgressUpdate(a, oneSent),
                new io.msgsvc.spi.ProgressUpdate(b, oneSent),
                new io.msgsvc.spi.ProgressUpdate(a, oneSent));

        assertThat(store.applyProgress(updates)).containsExactlyInAnyOrder(a, b);
        assertThat(store.applyProgress(updates)).isEmpty();
        assertThat(store.find(r.id()).orElseThrow().sent()).isEqualTo(2);
        assertThat(storage.dashboard().apply(updates)).extracting(v -> v.sent()).containsExactly(1, 2);
        assertThat(storage.dashboard().apply(updates)).isEmpty();

        var charge = new io.msgsvc.api.Charge(new DeliveryId(r.id(), 0), "acme", BigDecimal.ONE, now());
        var other = new io.msgsvc.api.Charge(new DeliveryId(r.id(), 1), "acme", BigDecimal.ONE, now());
        assertThat(storage.billing().charge(List.of(charge, other, charge))).hasSize(2);
        assertThat(storage.billing().charge(List.of(charge, other))).isEmpty();
        assertThat(storage.billing().totals("acme").charges()).isEqualTo(2);

        var period = Instant.parse("2026-01-01T00:00:00Z");
        var sent = new io.msgsvc.api.StatisticsCounters(0, 1, 0, 0, 0);
        var inc = List.of(
                new io.msgsvc.spi.StatisticsIncrement(a, "acme", period, sent),
                new io.msgsvc.spi.StatisticsIncrement(a, "acme", period, sent),
                new io.msgsvc.spi.StatisticsIncrement(b, "globex", period, sent));
        assertThat(storage.statistics().add(inc)).containsExactlyInAnyOrder(a, b);
        assertThat(storage.statistics().add(inc)).isEmpty();
        assertThat(storage.statistics().buckets(null, Instant.EPOCH, Instant.MAX))
                .hasSize(2)
                .allSatisfy(bucket -> assertThat(bucket.counters().sent()).isEqualTo(1));
    }

    @Test
    void anyTextIsKeptAndCustomerIdsDifferingOnlyInCaseStayApart() {
        NewReservation korean = new NewReservation(
                ReservationId.random(),
                "acme",
                "공지",
                "안녕하세요 😀",
                List.of("+82-10-1"),
                now(),
                now(),
                "k1",
                fingerprint("+82-10-1"));
        register(korean);
        register(reservation("ACME", "k1", now(), "+1"));

        assertThat(store.find(korean.id()).orElseThrow().text()).isEqualTo("안녕하세요 😀");
        assertThat(store.find(korean.id()).orElseThrow().subject()).isEqualTo("공지");
        assertThat(store.findByCustomer("acme", PageRequest.of(0, 10)).items())
                .extracting(Reservation::id)
                .containsExactly(korean.id());
        assertThat(store.findByCustomer("ACME", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    @Test
    void customersListTheirOwnReservationsNewestFirst() {
        List<ReservationId> ids = new ArrayList<>();
        Instant t = now();
        for (int i = 0; i < 3; i++) {
            NewReservation r = new NewReservation(
                    ReservationId.random(),
                    "acme",
                    null,
                    "t",
                    List.of("+1"),
                    t,
                    t.plusSeconds(i),
                    null,
                    fingerprint("+1"));
            register(r);
            ids.add(r.id());
        }
        register(reservation("globex", null, now(), "+1"));
        var page = store.findByCustomer("acme", PageRequest.of(0, 2));
        assertThat(page.totalItems()).isEqualTo(3);
        assertThat(page.items()).extracting(Reservation::id).containsExactly(ids.get(2), ids.get(1));
    }

    @Test
    void billingStatisticsAndDashboardAreIdempotent() {
        ReservationId id = ReservationId.random();
        DeliveryId d = new DeliveryId(id, 0);
        var charge = new io.msgsvc.api.Charge(d, "acme", new BigDecimal("0.25"), now());
        assertThat(storage.billing().charge(charge)).isTrue();
        assertThat(storage.billing().charge(charge)).isFalse();
        assertThat(storage.billing().totals("acme").charges()).isEqualTo(1);
        assertThat(storage.billing().totals("acme").amount()).isEqualByComparingTo("0.25");
        assertThat(storage.billing().charges(id))
                .extracting(c -> c.deliveryId())
                .containsExactly(d);

        UUID event = UUID.randomUUID();
        Instant period = Instant.parse("2026-01-01T00:00:00Z");
        var delta = new io.msgsvc.api.StatisticsCounters(0, 1, 0, 0, 0);
        assertThat(storage.statistics().add(event, "acme", period, delta)).isTrue();
        assertThat(storage.statistics().add(event, "acme", period, delta)).isFalse();
        assertThat(storage.statistics().add(UUID.randomUUID(), "acme", period, delta))
                .isTrue();
        assertThat(storage.statistics().buckets("acme", Instant.EPOCH, Instant.MAX))
                .singleElement()
                .satisfies(b -> assertThat(b.counters().sent()).isEqualTo(2));
        assertThat(storage.statistics().buckets(null, period.plusSeconds(1), Instant.MAX))
                .isEmpty();

        ProgressDelta reserved = new ProgressDelta(id, "acme", 2, 0, 0, 0, ReservationStatus.SCHEDULED, null, now());
        UUID reservedEvent = UUID.randomUUID();
        assertThat(storage.dashboard().apply(reservedEvent, reserved)).isPresent();
        assertThat(storage.dashboard().apply(reservedEvent, reserved)).isEmpty();
        assertThat(storage.dashboard().find(id)).hasValueSatisfying(v -> {
            assertThat(v.total()).isEqualTo(2);
            assertThat(v.status()).isEqualTo(ReservationStatus.SCHEDULED);
        });
        assertThat(storage.dashboard()
                        .findByCustomer("acme", PageRequest.of(0, 10))
                        .items())
                .hasSize(1);
    }
}
