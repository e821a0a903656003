package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.spi.ClaimedReservation;
import io.msgsvc.spi.NewReservation;
import io.msgsvc.spi.Registration;
import io.msgsvc.spi.TraceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Registration and the customers' queries: {@link io.msgsvc.spi.Registrations}. Part of {@link StorageContract}. */
public interface RegistrationsContract {
    /** {@return the storage under test, driven as the engine drives it} */
    StorageDriver store();

    /** A registration stores the reservation, its deliveries in recipient order and one {@code Reserved} event. */
    @Test
    default void registrationStoresReservationDeliveriesInOrderAndTheReservedEvent() {
        StorageDriver s = store();
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), "+3", "+1", "+2");
        Registration reg = s.register(r);

        assertThat(reg.created()).isTrue();
        Reservation stored = s.registrations.find(r.id()).orElseThrow();
        assertThat(stored.customerId()).isEqualTo("acme");
        assertThat(stored.recipientCount()).isEqualTo(3);
        assertThat(stored.status()).isEqualTo(ReservationStatus.SCHEDULED);
        assertThat(s.registrations.deliveries(r.id(), 0, 10))
                .extracting(Delivery::recipient)
                .containsExactly("+3", "+1", "+2");
        assertThat(s.registrations.deliveries(r.id(), 1, 1))
                .extracting(Delivery::recipient)
                .containsExactly("+1");
        assertThat(s.drainOutbox())
                .singleElement()
                .isInstanceOf(Reserved.class)
                .extracting(ReservationEvent::reservationId)
                .isEqualTo(r.id());
        assertThat(s.drainOutbox())
                .as("published events are not handed out again")
                .isEmpty();
    }

    /** A reservation's trace context is stored with it and handed out with its claim; none is read as empty. */
    @Test
    default void theTraceContextIsStoredWithTheReservationAndClaimedWithIt() {
        StorageDriver s = store();
        TraceContext traced = new TraceContext(Map.of(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
                "baggage", "userId=alice,isProduction=false"));
        NewReservation plain = s.reservation("acme", null, StorageDriver.now(), "+1");
        NewReservation r = s.reservation("acme", null, StorageDriver.now().plusMillis(1), "+2");
        NewReservation withTrace = new NewReservation(
                r.id(),
                r.customerId(),
                r.subject(),
                r.text(),
                r.recipients(),
                r.sendAt(),
                r.createdAt(),
                r.idempotencyKey(),
                r.requestFingerprint(),
                null,
                traced);
        s.register(plain);
        TraceContext inItsOwnTransaction = s.storage.inTransaction(tx -> {
            s.registrations.register(tx, withTrace, reserved(withTrace));
            return s.registrations.traceContext(tx, withTrace.id());
        });

        assertThat(inItsOwnTransaction)
                .as("read in the registering transaction")
                .isEqualTo(traced);
        assertThat(storedTrace(s, withTrace.id())).isEqualTo(traced);
        assertThat(storedTrace(s, plain.id())).isEqualTo(TraceContext.NONE);
        assertThat(storedTrace(s, ReservationId.random()))
                .as("no such reservation")
                .isEqualTo(TraceContext.NONE);
        assertThat(s.claim(2, "node-a", StorageDriver.LONG_LEASE, Set.of()))
                .extracting(ClaimedReservation::id, ClaimedReservation::traceContext)
                .containsExactly(tuple(plain.id(), TraceContext.NONE), tuple(withTrace.id(), traced));
    }

    /** A reservation's campaign rules are stored with it and handed out with its claim; none are the defaults. */
    @Test
    default void campaignRulesAreStoredWithTheReservationAndClaimedWithThem() {
        StorageDriver s = store();
        CampaignRules advertising = new CampaignRules(MessageKind.ADVERTISING, true);
        NewReservation plain = s.reservation("acme", null, StorageDriver.now(), "+1");
        NewReservation r = s.reservation("acme", null, StorageDriver.now().plusMillis(1), "+2");
        NewReservation ad = new NewReservation(
                r.id(),
                r.customerId(),
                r.subject(),
                r.text(),
                r.recipients(),
                r.sendAt(),
                r.createdAt(),
                r.idempotencyKey(),
                r.requestFingerprint(),
                null,
                TraceContext.NONE,
                advertising);
        s.register(plain);
        s.register(ad);

        assertThat(s.registrations.find(ad.id()).orElseThrow().rules()).isEqualTo(advertising);
        assertThat(s.registrations.find(plain.id()).orElseThrow().rules()).isEqualTo(CampaignRules.DEFAULT);
        assertThat(s.claim(2, "node-a", StorageDriver.LONG_LEASE, Set.of()))
                .extracting(ClaimedReservation::id, ClaimedReservation::rules)
                .containsExactly(tuple(plain.id(), CampaignRules.DEFAULT), tuple(ad.id(), advertising));
    }

    private static TraceContext storedTrace(StorageDriver s, ReservationId id) {
        return s.storage.<TraceContext>inTransaction(tx -> s.registrations.traceContext(tx, id));
    }

    private static Reserved reserved(NewReservation r) {
        return new Reserved(
                UUID.randomUUID(),
                r.id(),
                r.customerId(),
                r.createdAt(),
                r.recipients().size(),
                r.sendAt());
    }

    /** A reservation for 5,000 recipients is stored whole. */
    @Test
    default void aLargeRecipientListIsStoredWhole() {
        StorageDriver s = store();
        String[] recipients = IntStream.range(0, 5_000).mapToObj(i -> "+" + i).toArray(String[]::new);
        NewReservation r = s.reservation("acme", null, StorageDriver.now(), recipients);
        s.register(r);
        List<Delivery> last = s.registrations.deliveries(r.id(), 4_998, 10);
        assertThat(last).extracting(Delivery::recipient).containsExactly("+4998", "+4999");
        assertThat(s.queue.pendingDeliveries(r.id(), 0, 10_000)).hasSize(5_000);
    }

    /** A customer's second registration with one idempotency key returns the first; another customer's is its own. */
    @Test
    default void theSameIdempotencyKeyReturnsTheStoredReservation() {
        StorageDriver s = store();
        NewReservation first = s.reservation("acme", "key-1", StorageDriver.now(), "+1");
        s.register(first);
        Registration again = s.register(s.reservation("acme", "key-1", StorageDriver.now(), "+1", "+2"));

        assertThat(again.created()).isFalse();
        assertThat(again.reservation().id()).isEqualTo(first.id());
        assertThat(again.requestFingerprint()).isEqualTo(first.requestFingerprint());
        assertThat(s.register(s.reservation("globex", "key-1", StorageDriver.now(), "+1"))
                        .created())
                .isTrue();
        assertThat(s.registrations.findByCustomer("acme", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    /**
     * Concurrent registrations with one idempotency key store one reservation and all return it.
     *
     * @throws Exception from a registering thread
     */
    @Test
    default void concurrentRegistrationsWithOneKeyStoreOne() throws Exception {
        StorageDriver s = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Registration> call = () -> s.register(s.reservation("acme", "same", StorageDriver.now(), "+1"));
            List<Future<Registration>> futures =
                    pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> call).toList());
            List<ReservationId> ids = new ArrayList<>();
            for (Future<Registration> f : futures) {
                ids.add(f.get().reservation().id());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(s.registrations
                            .findByCustomer("acme", PageRequest.of(0, 10))
                            .totalItems())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Any Unicode text is kept as given, and customer ids differing only in case are different customers. */
    @Test
    default void anyTextIsKeptAndCustomerIdsDifferingOnlyInCaseStayApart() {
        StorageDriver s = store();
        NewReservation korean = new NewReservation(
                ReservationId.random(),
                "acme",
                "공지",
                "안녕하세요 😀",
                List.of("+82-10-1"),
                StorageDriver.now(),
                StorageDriver.now(),
                "k1",
                StorageDriver.fingerprint("+82-10-1"));
        s.register(korean);
        s.register(s.reservation("ACME", "k1", StorageDriver.now(), "+1"));

        assertThat(s.registrations.find(korean.id()).orElseThrow().text()).isEqualTo("안녕하세요 😀");
        assertThat(s.registrations.find(korean.id()).orElseThrow().subject()).isEqualTo("공지");
        assertThat(s.registrations.findByCustomer("acme", PageRequest.of(0, 10)).items())
                .extracting(Reservation::id)
                .containsExactly(korean.id());
        assertThat(s.registrations.findByCustomer("ACME", PageRequest.of(0, 10)).totalItems())
                .isEqualTo(1);
    }

    /** A customer's list has only its own reservations, newest first, a page at a time. */
    @Test
    default void customersListTheirOwnReservationsNewestFirst() {
        StorageDriver s = store();
        List<ReservationId> ids = new ArrayList<>();
        Instant t = StorageDriver.now();
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
                    StorageDriver.fingerprint("+1"));
            s.register(r);
            ids.add(r.id());
        }
        s.register(s.reservation("globex", null, StorageDriver.now(), "+1"));
        var page = s.registrations.findByCustomer("acme", PageRequest.of(0, 2));
        assertThat(page.totalItems()).isEqualTo(3);
        assertThat(page.items()).extracting(Reservation::id).containsExactly(ids.get(2), ids.get(1));
    }
}
