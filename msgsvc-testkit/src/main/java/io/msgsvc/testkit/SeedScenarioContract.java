package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.Statistics;
import io.msgsvc.api.StatisticsCounters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed service's requirements F1–F9 and N1, one test each. Every storage adapter runs this suite by extending it.
 */
public abstract class SeedScenarioContract extends EngineContract {

    @Test
    @DisplayName("F1 a customer registers a scheduled send: text, ordered recipients, send time")
    void F1_customerRegistersScheduledSend() {
        EngineFixture f = engine();
        Instant sendAt = f.clock.instant().plus(Duration.ofHours(1));

        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hello", "+1", "+2", "+3")
                .subject("greeting")
                .sendAt(sendAt)
                .build());

        assertThat(r.customerId()).isEqualTo("acme");
        assertThat(r.text()).isEqualTo("Hello");
        assertThat(r.subject()).isEqualTo("greeting");
        assertThat(r.recipientCount()).isEqualTo(3);
        assertThat(r.sendAt()).isEqualTo(sendAt);
        assertThat(r.status()).isEqualTo(ReservationStatus.SCHEDULED);
        await().atMost(WAIT)
                .until(() -> !f.eventsOf(ReservationEvent.Reserved.class).isEmpty());
        assertThat(f.eventsOf(ReservationEvent.Reserved.class))
                .singleElement()
                .satisfies(e -> assertThat(e.reservationId()).isEqualTo(r.id()));
        assertThat(f.channel.calls()).as("nothing is sent before the send time").isEmpty();
    }

    @Test
    @DisplayName("F2 a registered reservation is stored, with its recipients in list order")
    void F2_reservationIsStored() {
        EngineFixture f = engine();
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hello", "+3", "+1", "+2")
                .sendAt(f.clock.instant().plus(Duration.ofDays(1)))
                .build());

        // another node on the same storage sees exactly what was stored
        Msgsvc other = f.anotherNode(b -> b);
        ReservationDetails stored = other.reservation("acme", r.id());
        assertThat(stored.reservation().text()).isEqualTo("Hello");
        assertThat(stored.deliveries()).extracting(Delivery::recipient).containsExactly("+3", "+1", "+2");
        assertThat(stored.deliveries()).extracting(Delivery::sequence).containsExactly(0, 1, 2);
        assertThat(stored.deliveries()).extracting(Delivery::state).containsOnly(DeliveryState.PENDING);
        assertThat(other.reservations("acme", io.msgsvc.api.PageRequest.of(0, 10))
                        .items())
                .extracting(Reservation::id)
                .containsExactly(r.id());
    }

    @Test
    @DisplayName("F3 at the send time, recipients are sent in the order of the list")
    void F3_sentInRecipientOrderAtSendTime() {
        EngineFixture f = engine();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            recipients.add("+82-" + (1000 - i));
        }
        Reservation r = f.msgsvc.reserve(io.msgsvc.api.ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients(recipients)
                .sendAt(f.clock.instant().plus(Duration.ofMinutes(30)))
                .build());

        f.clock.advance(Duration.ofMinutes(29));
        assertThat(f.channel.calls()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactlyElementsOf(recipients);
        assertThat(f.channel.callsFor(r.id()))
                .extracting(m -> m.deliveryId().sequence())
                .isSorted();
    }

    @Test
    @DisplayName("F4 a successful send is billed, once per recipient, at the host's price")
    void F4_successfulSendIsBilled() {
        EngineFixture f = engine(b -> b.pricing(Pricing.flat(new BigDecimal("0.25"))));
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 4);
        BillingTotals totals = f.msgsvc.billing("acme");
        assertThat(totals.amount()).isEqualByComparingTo("1.00");
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(c -> c.deliveryId().sequence())
                .containsExactly(0, 1, 2, 3);
        assertThat(f.eventsOf(ReservationEvent.Billed.class)).hasSize(4);
    }

    @Test
    @DisplayName("F5 a failed send is not billed")
    void F5_failedSendIsNotBilled() {
        EngineFixture f = engine();
        f.channel.answerWith(m -> m.recipient().startsWith("bad")
                ? SendOutcome.permanentFailure("unknown number")
                : SendOutcome.accepted("ref"));
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "bad-2", "+3", "bad-4")
                .build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                                .statistics("acme", Instant.EPOCH, Instant.MAX)
                                .totals()
                                .results()
                        == 4);
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(Charge::deliveryId)
                .extracting(d -> d.sequence())
                .containsExactly(0, 2);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(2);
    }

    @Test
    @DisplayName("F6 each send result, success or failure, is counted in the statistics")
    void F6_resultsAreCountedInStatistics() {
        EngineFixture f = engine();
        f.channel.answerWith(m -> m.deliveryId().sequence() % 3 == 0
                ? SendOutcome.permanentFailure("blocked")
                : SendOutcome.accepted("ref"));
        Reservation r1 = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
        Reservation r2 = f.msgsvc.reserve(
                EngineFixture.request("acme", "Yo", "+4", "+5", "+6", "+7").build());
        Reservation other =
                f.msgsvc.reserve(EngineFixture.request("globex", "Hey", "+8").build());

        awaitStatus(f, "acme", r1.id(), ReservationStatus.PARTIALLY_FAILED);
        awaitStatus(f, "acme", r2.id(), ReservationStatus.PARTIALLY_FAILED);
        awaitStatus(f, "globex", other.id(), ReservationStatus.FAILED);

        Statistics acme = f.msgsvc.statistics("acme", Instant.EPOCH, Instant.MAX);
        assertThat(acme.totals()).isEqualTo(new StatisticsCounters(2, 4, 3, 0, 0));
        assertThat(acme.buckets())
                .singleElement()
                .satisfies(b -> assertThat(b.periodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(f.msgsvc.statistics(Instant.EPOCH, Instant.MAX).totals())
                .isEqualTo(new StatisticsCounters(3, 4, 4, 0, 0));
        assertThat(f.eventsOf(ReservationEvent.StatisticsCounted.class)).hasSize(3 + 7 + 1);
    }

    @Test
    @DisplayName("F7 the reservation's status follows each send and each result")
    void F7_statusUpdatedOnEachSendAndResult() {
        EngineFixture f = engine();
        List<DashboardView> seen = new CopyOnWriteArrayList<>();
        f.msgsvc.subscribeDashboard(seen::add);
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2", "+3")
                .sendAt(f.clock.instant().plusSeconds(60))
                .build());
        f.clock.advance(Duration.ofSeconds(60));

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        await().atMost(WAIT).until(() -> seen.size() == 6);
        assertThat(seen)
                .extracting(DashboardView::status)
                .containsExactly(
                        ReservationStatus.SCHEDULED,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.COMPLETED);
        assertThat(seen).extracting(DashboardView::sent).containsExactly(0, 0, 1, 2, 3, 3);
        // the saga's own events in order; each charge and count told once, by its role, as it is stored
        assertThat(f.events)
                .extracting(ReservationEvent::type)
                .filteredOn(type -> !type.equals("Billed") && !type.equals("StatisticsCounted"))
                .containsExactly("Reserved", "DispatchStarted", "MsgSent", "MsgSent", "MsgSent", "SendCompleted");
        assertThat(f.eventsOf(ReservationEvent.Billed.class)).hasSize(3);
        assertThat(f.eventsOf(ReservationEvent.StatisticsCounted.class)).hasSize(4);
    }

    @Test
    @DisplayName("F8 the customer sees the processing status at any time while it runs")
    void F8_statusVisibleWhileRunning() throws InterruptedException {
        EngineFixture f = engine();
        CountDownLatch secondCallEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        f.channel.answerWith(m -> {
            if (m.deliveryId().sequence() == 1) {
                secondCallEntered.countDown();
                awaitQuietly(release);
            }
            return SendOutcome.accepted("ref");
        });
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());

        assertThat(secondCallEntered.await(20, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).sent() == 1);
        ReservationDetails midway = f.msgsvc.reservation("acme", r.id());
        assertThat(midway.reservation().status()).isEqualTo(ReservationStatus.DISPATCHING);
        assertThat(midway.deliveries())
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.PENDING, DeliveryState.PENDING);
        DashboardView view = f.msgsvc.dashboard("acme", r.id());
        assertThat(view.progressPercent()).isEqualTo(33);
        assertThat(view.pending()).isEqualTo(2);

        release.countDown();
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.dashboard("acme", r.id()).progressPercent()).isEqualTo(100);
    }

    @Test
    @DisplayName("F9 a message over the length limit is not sent: the reservation is compensated")
    void F9_overlongMessageIsCompensated() {
        EngineFixture f = engine(b -> b.contentPolicy(ContentPolicy.maxLength(10)));
        Reservation ok = f.msgsvc.reserve(
                EngineFixture.request("acme", "0123456789", "+1").build());
        Reservation tooLong = f.msgsvc.reserve(
                EngineFixture.request("acme", "0123456789X", "+1", "+2").build());

        awaitStatus(f, "acme", tooLong.id(), ReservationStatus.REJECTED);
        awaitStatus(f, "acme", ok.id(), ReservationStatus.COMPLETED);

        ReservationDetails rejected = f.msgsvc.reservation("acme", tooLong.id());
        assertThat(rejected.reservation().statusReason()).contains("exceeds the limit of 10");
        assertThat(rejected.deliveries()).extracting(Delivery::state).containsOnly(DeliveryState.CANCELLED);
        assertThat(f.channel.callsFor(tooLong.id())).isEmpty();
        assertThat(f.msgsvc.charges("acme", tooLong.id())).isEmpty();
        assertThat(f.eventsOf(ReservationCompensated.class))
                .singleElement()
                .satisfies(c -> assertThat(c.cancelledDeliveries()).isEqualTo(2));
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                                .statistics("acme", Instant.EPOCH, Instant.MAX)
                                .totals()
                                .rejected()
                        == 2);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(1);
    }

    @Test
    @DisplayName("N1 billing and statistics are recorded for every item exactly once, despite redelivered events")
    void N1_everyItemBilledAndCountedExactlyOnce() {
        RedeliveringEventTransport transport = new RedeliveringEventTransport(0.5, 42);
        EngineFixture f = engine(b -> b.eventTransport(transport).dispatchThreads(4));
        f.channel.answerWith(m ->
                m.recipient().hashCode() % 4 == 0 ? SendOutcome.permanentFailure("no") : SendOutcome.accepted("ref"));
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<String> recipients = new ArrayList<>();
            for (int j = 0; j < 20; j++) {
                recipients.add("+" + i + "-" + j);
            }
            reservations.add(f.msgsvc.reserve(io.msgsvc.api.ReservationRequest.builder()
                    .customerId("acme")
                    .text("m" + i)
                    .recipients(recipients)
                    .build()));
        }
        await().atMost(WAIT)
                .until(() -> reservations.stream()
                        .allMatch(
                                r -> f.msgsvc.dashboard("acme", r.id()).status().isTerminal()));

        Set<io.msgsvc.api.DeliveryId> sent = new HashSet<>();
        int failed = 0;
        for (Reservation r : reservations) {
            for (Delivery d : f.msgsvc.reservation("acme", r.id()).deliveries()) {
                if (d.state() == DeliveryState.SENT) {
                    sent.add(d.id());
                } else {
                    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
                    failed++;
                }
            }
        }
        assertThat(transport.redeliveries()).as("the transport did redeliver").isGreaterThan(100);
        Set<io.msgsvc.api.DeliveryId> billed = new HashSet<>();
        reservations.forEach(r -> f.msgsvc.charges("acme", r.id()).forEach(c -> billed.add(c.deliveryId())));
        assertThat(billed).isEqualTo(sent);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(sent.size());
        StatisticsCounters totals =
                f.msgsvc.statistics("acme", Instant.EPOCH, Instant.MAX).totals();
        assertThat(totals).isEqualTo(new StatisticsCounters(30, sent.size(), failed, 0, 0));
        assertThat(f.eventsOf(MsgSent.class)).hasSize(sent.size());
        assertThat(f.eventsOf(SendFailed.class)).hasSize(failed);
    }
}
