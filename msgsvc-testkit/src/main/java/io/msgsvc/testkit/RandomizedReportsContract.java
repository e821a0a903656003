package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationNotCancellableException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of deliveries through a reporting channel on two engines sharing one storage, events redelivered at
 * random, and reports as providers send them: early (inside the send call, before its result is stored), twice,
 * out of order, intermediate after final, by id or by reference, through either engine, late (after the result
 * timeout) or never. Afterwards every delivery has exactly one final state, the one its first final report (or the
 * timeout, then a late report) decided; charges and refunds are each at most once per delivery, by policy;
 * statistics equal the final states and the dashboard equals the store. A failure prints its seed.
 */
public abstract class RandomizedReportsContract {
    private static final String[] CUSTOMERS = {"acme", "globex", "initech"};
    private static final ReportStatus[] FINAL = {
        ReportStatus.DELIVERED,
        ReportStatus.DELIVERED,
        ReportStatus.UNDELIVERED,
        ReportStatus.EXPIRED,
        ReportStatus.REJECTED
    };
    private static final Duration AWAIT_REPORTS_FOR = Duration.ofSeconds(3);

    /** {@return a fresh, empty storage both engines share} */
    protected abstract Storage newStorage();

    /**
     * Frees what {@link #newStorage()} opened, after the engines stopped.
     *
     * @param storage a storage {@link #newStorage()} returned
     */
    protected void release(Storage storage) {}

    /** {@return how many reservations to send}; their recipients number 1 to 40 each (120 by default) */
    protected int reservations() {
        return 120;
    }

    @Test
    void everyDeliveryEndsOnceWithItsReportAndTheBooksMatch() {
        long seed = Long.getLong("msgsvc.seed", System.nanoTime());
        String why = "seed " + seed + " (rerun with -Dmsgsvc.seed=" + seed + ")";
        Random random = new Random(seed);
        Map<DeliveryId, DeliveryState> expected = new ConcurrentHashMap<>();
        List<Msgsvc> engines = new ArrayList<>();
        RecordingChannel channel = RecordingChannel.reporting(m -> send(seed, m, engines, expected));
        Storage storage = newStorage();
        RedeliveringEventTransport transportA = new RedeliveringEventTransport(0.3, seed);
        RedeliveringEventTransport transportB = new RedeliveringEventTransport(0.3, seed + 1);
        try (Msgsvc a = node(storage, channel, transportA, "a");
                Msgsvc b = node(storage, channel, transportB, "b")) {
            engines.add(a);
            engines.add(b);
            List<Reservation> reservations = register(random, a, b);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> reservations.stream()
                            .allMatch(r -> a.reservation(r.customerId(), r.id())
                                            .reservation()
                                            .pending()
                                    == 0));

            List<DeliveryId> submitted = new ArrayList<>();
            for (Reservation r : reservations) {
                for (Delivery d : a.reservation(r.customerId(), r.id()).deliveries()) {
                    // on a slow machine the first ones may have timed out already: their reports come late
                    boolean awaited = d.state() == DeliveryState.SUBMITTED || d.state() == DeliveryState.UNKNOWN;
                    if (awaited && !expected.containsKey(d.id())) {
                        submitted.add(d.id());
                    }
                }
            }
            Collections.shuffle(submitted, random);
            // a tenth never reported, a tenth reported after the timeout, the rest now, in shuffled batches
            int missing = submitted.size() / 10;
            int late = submitted.size() / 10;
            List<DeliveryReport> now = new ArrayList<>();
            List<DeliveryReport> afterTimeout = new ArrayList<>();
            for (int i = 0; i < submitted.size(); i++) {
                DeliveryId id = submitted.get(i);
                ReportStatus status = FINAL[random.nextInt(FINAL.length)];
                if (i < missing) {
                    expected.put(id, DeliveryState.UNKNOWN);
                } else if (i < missing + late) {
                    expected.put(id, status.finalState());
                    afterTimeout.add(report(random, id, status));
                } else {
                    expected.put(id, status.finalState());
                    now.addAll(reportsAsProvidersSendThem(random, id, status));
                }
            }
            Collections.shuffle(now, random);
            sendInBatches(random, now, engines);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> reservations.stream()
                            .allMatch(r -> a.reservation(r.customerId(), r.id())
                                            .reservation()
                                            .awaiting()
                                    == 0));
            sendInBatches(random, afterTimeout, engines);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertBooks(a, b, reservations, expected, why));
            assertThat(transportA.redeliveries() + transportB.redeliveries())
                    .as(why)
                    .isPositive();
        } finally {
            release(storage);
        }
    }

    private static Msgsvc node(Storage storage, RecordingChannel channel, RedeliveringEventTransport t, String name) {
        return Msgsvc.builder()
                .storage(storage)
                .channel(channel)
                .eventTransport(t)
                .awaitReportsFor(AWAIT_REPORTS_FOR)
                .dispatchThreads(4)
                .pollInterval(Duration.ofMillis(50))
                .nodeId(name)
                .build()
                .start();
    }

    private List<Reservation> register(Random random, Msgsvc a, Msgsvc b) {
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < reservations(); i++) {
            int n = i;
            Msgsvc entry = random.nextBoolean() ? a : b;
            Reservation r = entry.reserve(ReservationRequest.builder()
                    .customerId(CUSTOMERS[random.nextInt(CUSTOMERS.length)])
                    .text("msg " + i)
                    .recipients(IntStream.range(0, 1 + random.nextInt(40))
                            .mapToObj(j -> "+" + n + "-" + j)
                            .toList())
                    .sendAt(Instant.now().plusMillis(random.nextInt(500)))
                    .build());
            reservations.add(r);
            if (random.nextInt(15) == 0) {
                try {
                    entry.cancel(r.customerId(), r.id());
                } catch (ReservationNotCancellableException ended) {
                    // it raced to its end: nothing to cancel
                }
            }
        }
        return reservations;
    }

    /**
     * The provider: accepts four sends in five; for one accepted send in ten it reports the final result at once,
     * through a random engine, before the engine has stored the send's result.
     */
    private static SendOutcome send(
            long seed, OutboundMessage m, List<Msgsvc> engines, Map<DeliveryId, DeliveryState> expected) {
        Random roll = new Random(seed ^ m.idempotencyKey().hashCode() * 31L);
        if (roll.nextInt(5) == 0) {
            return SendOutcome.permanentFailure("unknown subscriber");
        }
        if (roll.nextInt(10) == 0) {
            ReportStatus status = FINAL[roll.nextInt(FINAL.length)];
            expected.put(m.deliveryId(), status.finalState());
            engines.get(roll.nextInt(engines.size())).reportDelivery(report(roll, m.deliveryId(), status));
        }
        return SendOutcome.accepted(RecordingChannel.referenceOf(m));
    }

    private static DeliveryReport report(Random random, DeliveryId id, ReportStatus status) {
        DeliveryReport.Builder report =
                random.nextBoolean() ? DeliveryReport.forDelivery(id) : DeliveryReport.forReference("ok-" + id);
        return report.status(status).build();
    }

    /** One final report, maybe twice, maybe with an intermediate before it and one after it. */
    private static List<DeliveryReport> reportsAsProvidersSendThem(Random random, DeliveryId id, ReportStatus status) {
        List<DeliveryReport> reports = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            reports.add(report(random, id, ReportStatus.ENROUTE));
        }
        reports.add(report(random, id, status));
        if (random.nextInt(4) == 0) {
            reports.add(report(random, id, status));
        }
        if (random.nextInt(6) == 0) {
            reports.add(report(random, id, ReportStatus.BUFFERED));
        }
        return reports;
    }

    /** In batches of 1 to 50 through random engines; a delivery's own reports keep their order. */
    private static void sendInBatches(Random random, List<DeliveryReport> reports, List<Msgsvc> engines) {
        Map<DeliveryId, List<DeliveryReport>> byDelivery = new HashMap<>();
        List<DeliveryReport> ordered = new ArrayList<>();
        for (DeliveryReport r : reports) {
            DeliveryId id = r.deliveryId() != null
                    ? r.deliveryId()
                    : DeliveryId.parse(r.providerReference().substring(3));
            byDelivery.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        // shuffled across deliveries, in order within one: the final report's place among them is what counts
        List<DeliveryId> ids = new ArrayList<>(byDelivery.keySet());
        Collections.shuffle(ids, random);
        for (DeliveryId id : ids) {
            ordered.addAll(byDelivery.get(id));
        }
        for (int at = 0; at < ordered.size(); ) {
            int size = Math.min(ordered.size() - at, 1 + random.nextInt(50));
            engines.get(random.nextInt(engines.size())).reportDeliveries(ordered.subList(at, at + size));
            at += size;
        }
    }

    private static void assertBooks(
            Msgsvc a, Msgsvc b, List<Reservation> reservations, Map<DeliveryId, DeliveryState> expected, String why) {
        Map<String, StatisticsCounters> stats = new HashMap<>();
        Map<String, long[]> billing = new HashMap<>();
        for (Reservation r : reservations) {
            String customer = r.customerId();
            int sent = 0, failed = 0, cancelled = 0, delivered = 0, undelivered = 0;
            StatisticsCounters counted = new StatisticsCounters(1, 0, 0, 0, 0);
            for (Delivery d : b.reservation(customer, r.id()).deliveries()) {
                assertThat(d.state().isTerminal())
                        .as("I1 %s has a final state; %s", d.id(), why)
                        .isTrue();
                DeliveryState want = expected.get(d.id());
                if (d.state().wasAccepted()) {
                    assertThat(d.state())
                            .as("%s decided by its first final report; %s", d.id(), why)
                            .isEqualTo(want);
                    sent++;
                    counted = counted.plus(DeliveryState.SUBMITTED, 1).plus(d.state(), 1);
                    delivered += d.state() == DeliveryState.DELIVERED ? 1 : 0;
                    undelivered += d.state() == DeliveryState.DELIVERED ? 0 : 1;
                } else {
                    counted = counted.plus(d.state(), 1);
                    failed += d.state() == DeliveryState.FAILED ? 1 : 0;
                    cancelled += d.state() == DeliveryState.CANCELLED ? 1 : 0;
                }
            }
            stats.merge(customer, counted, StatisticsCounters::plus);
            long refunds = a.refunds(customer, r.id()).size();
            assertThat(a.charges(customer, r.id()))
                    .as("I3 charged the accepted, once; " + why)
                    .hasSize(sent);
            assertThat(refunds)
                    .as("refunded the undelivered and expired, once; " + why)
                    .isEqualTo(b.reservation(customer, r.id()).deliveries().stream()
                            .filter(d -> d.state() == DeliveryState.UNDELIVERED || d.state() == DeliveryState.EXPIRED)
                            .count());
            billing.computeIfAbsent(customer, c -> new long[2])[0] += sent;
            billing.get(customer)[1] += refunds;
            DashboardView view = a.dashboard(customer, r.id());
            assertThat(List.of(
                            view.sent(),
                            view.failed(),
                            view.cancelled(),
                            view.awaiting(),
                            view.delivered(),
                            view.undelivered()))
                    .as("I5 the dashboard equals the store for %s; %s", r.id(), why)
                    .containsExactly(sent, failed, cancelled, 0, delivered, undelivered);
            assertThat(view.status())
                    .as(why)
                    .isEqualTo(b.reservation(customer, r.id()).reservation().status());
        }
        for (String customer : CUSTOMERS) {
            assertThat(a.statistics(customer, Instant.EPOCH, Instant.MAX).totals())
                    .as("I4 statistics equal the final states for %s; %s", customer, why)
                    .isEqualTo(stats.getOrDefault(customer, StatisticsCounters.ZERO));
            long[] billed = billing.getOrDefault(customer, new long[2]);
            assertThat(b.billing(customer).charges()).as(why).isEqualTo(billed[0]);
            assertThat(b.billing(customer).refunds()).as(why).isEqualTo(billed[1]);
        }
    }
}
