package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.testkit.RedeliveringEventTransport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed scenario's F1-F9 and N1 through the SMPP channel and the SMSC simulator: submits over a bound session,
 * results as the SMSC's answers and receipts, on an embedded H2 database.
 */
class SmppSeedScenarioTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<SmppFixture> fixtures = new ArrayList<>();

    private SmppFixture fixture(UnaryOperator<io.msgsvc.MsgsvcBuilder> engine) {
        SmppFixture f = new SmppFixture(c -> c, engine);
        fixtures.add(f);
        return f;
    }

    @AfterEach
    void close() {
        fixtures.forEach(SmppFixture::close);
    }

    private static List<String> recipients(String prefix, int n) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recipients.add("+82" + prefix + String.format("%05d", i));
        }
        return recipients;
    }

    private static void awaitStatus(SmppFixture f, ReservationId id, ReservationStatus status) {
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation("acme", id).reservation().status() == status
                        && f.msgsvc.dashboard("acme", id).status() == status);
    }

    private static Reservation reserve(SmppFixture f, String text, List<String> recipients) {
        return f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text(text)
                .recipients(recipients)
                .build());
    }

    private static StatisticsCounters totals(SmppFixture f) {
        return f.msgsvc.statistics("acme", Instant.EPOCH, Instant.MAX).totals();
    }

    @Test
    @DisplayName("F1 F2 a registered reservation is stored and nothing is submitted before its send time")
    void F1_F2_registeredAndStoredNothingSubmittedEarly() {
        SmppFixture f = fixture(b -> b);
        Instant sendAt = Instant.now().plusSeconds(2);
        List<String> to = recipients("10", 3);
        Reservation r = f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hello")
                .recipients(to)
                .sendAt(sendAt)
                .build());

        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::recipient, Delivery::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(to.get(0), DeliveryState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(to.get(1), DeliveryState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(to.get(2), DeliveryState.PENDING));
        awaitStatus(f, r.id(), ReservationStatus.COMPLETED);
        assertThat(f.submitsTo(to))
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.receivedAt()).isAfterOrEqualTo(sendAt));
    }

    @Test
    @DisplayName("F3 recipients are submitted in list order, a window of submits in flight")
    void F3_submittedInListOrder() {
        SmppFixture f = fixture(b -> b);
        f.smsc.answerDelay(Duration.ofMillis(5));
        List<String> to = recipients("20", 300);
        Reservation r = reserve(f, "Hi", to);

        awaitStatus(f, r.id(), ReservationStatus.COMPLETED);
        assertThat(f.callsFor(r.id())).extracting(OutboundMessage::recipient).containsExactlyElementsOf(to);
        assertThat(SmppOrder.firstSubmits(f.submitsTo(to)))
                .as("the SMSC read them in list order")
                .containsExactlyElementsOf(to.stream()
                        .map(t -> Submits.Destination.of(t).address())
                        .toList());
    }

    @Test
    @DisplayName("F4 F5 an accepted submit is billed at the host's price, a refused one is not")
    void F4_F5_acceptedBilledRefusedNot() {
        SmppFixture f = fixture(b -> b.pricing(Pricing.flat(new BigDecimal("0.25"))));
        List<String> to = recipients("30", 4);
        String refused = Submits.Destination.of(to.get(2)).address();
        f.smsc.answerWith(s -> s.destinationAddr().equals(refused) ? SMPPConstant.STAT_ESME_RINVDSTADR : 0);
        Reservation r = reserve(f, "Hi", to);

        awaitStatus(f, r.id(), ReservationStatus.PARTIALLY_FAILED);
        List<Delivery> deliveries = f.msgsvc.reservation("acme", r.id()).deliveries();
        assertThat(deliveries)
                .extracting(Delivery::state)
                .containsExactly(
                        DeliveryState.DELIVERED,
                        DeliveryState.DELIVERED,
                        DeliveryState.FAILED,
                        DeliveryState.DELIVERED);
        assertThat(deliveries.get(2).detail()).contains("ESME_RINVDSTADR");
        assertThat(deliveries.get(0).providerReference())
                .as("the SMSC's message id")
                .isEqualTo(f.submitsTo(List.of(to.get(0))).get(0).messageId());
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 3);
        assertThat(f.msgsvc.billing("acme").amount()).isEqualByComparingTo("0.75");
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(c -> c.deliveryId().sequence())
                .containsExactlyInAnyOrder(0, 1, 3);
    }

    @Test
    @DisplayName("F6 F7 each receipt counts in the statistics and moves the status when it is received")
    void F6_F7_receiptsMoveStatisticsAndStatus() {
        SmppFixture f = fixture(b -> b);
        List<String> to = recipients("40", 4);
        List<String> addresses =
                to.stream().map(t -> Submits.Destination.of(t).address()).toList();
        f.smsc.receipts(s -> {
            int i = addresses.indexOf(s.destinationAddr());
            return i == 1 ? List.of("UNDELIV") : i == 2 ? List.of("EXPIRED") : i == 3 ? List.of() : List.of("DELIVRD");
        });
        Reservation r = reserve(f, "Hi", to);

        awaitStatus(f, r.id(), ReservationStatus.AWAITING_RESULTS);
        await().atMost(WAIT)
                .until(() -> totals(f).delivered() == 1
                        && totals(f).undelivered() == 1
                        && totals(f).expired() == 1);
        assertThat(totals(f))
                .as("three receipts counted as they came; the fourth is still awaited")
                .isEqualTo(new StatisticsCounters(1, 0, 0, 0, 0, 4, 1, 1, 1, 0));
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status())
                .isEqualTo(ReservationStatus.AWAITING_RESULTS);
        assertThat(f.msgsvc.dashboard("acme", r.id()).awaiting()).isEqualTo(1);
        assertThat(f.events.stream().filter(e -> e instanceof ReservationEvent.DeliveryReported))
                .hasSize(3);
    }

    @Test
    @DisplayName("F8 the customer sees the progress while the campaign runs")
    void F8_progressVisibleWhileRunning() {
        SmppFixture f = fixture(b -> b);
        f.smsc.answerDelay(Duration.ofMillis(20));
        List<String> to = recipients("50", 400);
        Reservation r = reserve(f, "Hi", to);

        await().atMost(WAIT).until(() -> {
            int sent = f.msgsvc.dashboard("acme", r.id()).sent();
            return sent > 0 && sent < 400;
        });
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status())
                .isEqualTo(ReservationStatus.DISPATCHING);
        awaitStatus(f, r.id(), ReservationStatus.COMPLETED);
        assertThat(f.msgsvc.dashboard("acme", r.id()).delivered()).isEqualTo(400);
    }

    @Test
    @DisplayName("F9 a text over the limit is not submitted: the reservation is compensated")
    void F9_overlongTextCompensated() {
        SmppFixture f = fixture(b -> b.contentPolicy(ContentPolicy.maxLength(10)));
        List<String> okTo = recipients("60", 1);
        List<String> longTo = recipients("61", 2);
        Reservation ok = reserve(f, "0123456789", okTo);
        Reservation tooLong = reserve(f, "0123456789X", longTo);

        awaitStatus(f, tooLong.id(), ReservationStatus.REJECTED);
        awaitStatus(f, ok.id(), ReservationStatus.COMPLETED);
        assertThat(f.submitsTo(longTo)).isEmpty();
        assertThat(f.msgsvc.charges("acme", tooLong.id())).isEmpty();
        await().atMost(WAIT).until(() -> totals(f).rejected() == 2);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(1);
    }

    @Test
    @DisplayName("N1 each item billed and counted once, with duplicate receipts and redelivered events")
    void N1_billedAndCountedOnceDespiteDuplicates() {
        RedeliveringEventTransport transport = new RedeliveringEventTransport(0.5, 42);
        SmppFixture f = fixture(b -> b.eventTransport(transport).dispatchThreads(4));
        // every third receipt comes twice, every fifth submit is refused for good
        f.smsc.receipts(s -> s.messageId().hashCode() % 3 == 0 ? List.of("DELIVRD", "DELIVRD") : List.of("DELIVRD"));
        f.smsc.answerWith(s -> s.destinationAddr().hashCode() % 5 == 0 ? SMPPConstant.STAT_ESME_RINVDSTADR : 0);
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reservations.add(reserve(f, "m" + i, recipients("7" + i, 30)));
        }
        await().atMost(WAIT)
                .until(() -> reservations.stream()
                        .allMatch(
                                r -> f.msgsvc.dashboard("acme", r.id()).status().isTerminal()));

        List<Delivery> all = reservations.stream()
                .flatMap(r -> f.msgsvc.reservation("acme", r.id()).deliveries().stream())
                .toList();
        Set<io.msgsvc.api.DeliveryId> accepted = all.stream()
                .filter(d -> d.state() == DeliveryState.DELIVERED)
                .map(Delivery::id)
                .collect(Collectors.toSet());
        long failed =
                all.stream().filter(d -> d.state() == DeliveryState.FAILED).count();
        assertThat(accepted.size() + failed).isEqualTo(300);
        assertThat(failed).isPositive();
        assertThat(f.smsc.receiptAnswers())
                .as("duplicates were sent, and every receipt acknowledged")
                .hasSizeGreaterThan(accepted.size())
                .allSatisfy(a -> assertThat(a.commandStatus()).isZero());
        assertThat(transport.redeliveries()).isPositive();
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == accepted.size());
        Set<io.msgsvc.api.DeliveryId> billed = reservations.stream()
                .flatMap(r -> f.msgsvc.charges("acme", r.id()).stream())
                .map(c -> c.deliveryId())
                .collect(Collectors.toSet());
        assertThat(billed).isEqualTo(accepted);
        await().atMost(WAIT).until(() -> totals(f).delivered() == accepted.size());
        assertThat(totals(f))
                .isEqualTo(new StatisticsCounters(10, 0, failed, 0, 0, accepted.size(), accepted.size(), 0, 0, 0));
    }
}
