package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.BillingPolicy;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed requirements F6 and F7 as the service scenario words them, with a channel that reports delivery: the send
 * and its result are two moments. Every storage adapter runs this suite by extending it.
 */
public abstract class ReportScenarioContract extends EngineContract {

    private static DeliveryId delivery(Reservation r, int seq) {
        return new DeliveryId(r.id(), seq);
    }

    private static DeliveryReport report(Reservation r, int seq, ReportStatus status) {
        return DeliveryReport.forDelivery(delivery(r, seq)).status(status).build();
    }

    private static StatisticsCounters totals(EngineFixture f, String customer) {
        return f.msgsvc.statistics(customer, Instant.EPOCH, Instant.MAX).totals();
    }

    private static List<DeliveryState> states(EngineFixture f, Reservation r) {
        return f.msgsvc.reservation(r.customerId(), r.id()).deliveries().stream()
                .map(Delivery::state)
                .toList();
    }

    /** Acme's totals at the default price of 1 per charge. */
    private static void assertBilled(EngineFixture f, String why, long charges, long refunds) {
        BillingTotals totals = f.msgsvc.billing("acme");
        assertThat(totals.charges()).as(why + ": charges").isEqualTo(charges);
        assertThat(totals.amount()).as(why + ": amount").isEqualByComparingTo(BigDecimal.valueOf(charges));
        assertThat(totals.refunds()).as(why + ": refunds").isEqualTo(refunds);
        assertThat(totals.refundedAmount()).as(why + ": refunded").isEqualByComparingTo(BigDecimal.valueOf(refunds));
        assertThat(totals.net()).as(why + ": net").isEqualByComparingTo(BigDecimal.valueOf(charges - refunds));
    }

    @Test
    @DisplayName("F6 a send result counts in the statistics when it is received (delivery reports)")
    void F6_statisticsCountEachResultWhenItIsReceived() {
        EngineFixture f = reportingEngine(b -> b);
        f.channel.answerWith(m -> m.deliveryId().sequence() == 2
                ? SendOutcome.permanentFailure("blocked")
                : SendOutcome.accepted(RecordingChannel.referenceOf(m)));
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3", "+4").build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);
        assertThat(totals(f, "acme"))
                .as("sent and awaiting: submitted, not yet delivered")
                .isEqualTo(new StatisticsCounters(1, 0, 1, 0, 0, 3, 0, 0, 0, 0));

        assertThat(f.msgsvc.reportDeliveries(List.of(
                        report(r, 0, ReportStatus.DELIVERED),
                        DeliveryReport.forReference("ok-" + delivery(r, 1))
                                .status(ReportStatus.UNDELIVERED)
                                .providerCode("UNDELIV", "absent subscriber")
                                .build(),
                        report(r, 3, ReportStatus.EXPIRED))))
                .containsExactly(ReportOutcome.APPLIED, ReportOutcome.APPLIED, ReportOutcome.APPLIED);
        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        StatisticsCounters counted = new StatisticsCounters(1, 0, 1, 0, 0, 3, 1, 1, 1, 0);
        assertThat(totals(f, "acme")).isEqualTo(counted);

        assertThat(f.msgsvc.reportDelivery(report(r, 0, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.DUPLICATE);
        assertThat(f.msgsvc.reportDelivery(report(r, 1, ReportStatus.BUFFERED)))
                .as("an intermediate report after the final one")
                .isEqualTo(ReportOutcome.OUT_OF_ORDER);
        assertThat(f.msgsvc.reportDelivery(report(r, 3, ReportStatus.DELIVERED)))
                .as("a final state is never reopened")
                .isEqualTo(ReportOutcome.OUT_OF_ORDER);
        assertThat(totals(f, "acme")).as("counted once each").isEqualTo(counted);
        assertThat(states(f, r))
                .containsExactly(
                        DeliveryState.DELIVERED,
                        DeliveryState.UNDELIVERED,
                        DeliveryState.FAILED,
                        DeliveryState.EXPIRED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(1).detail())
                .isEqualTo("UNDELIVERED (UNDELIV): absent subscriber");
        assertBilled(f, "billed on acceptance, refunded when not delivered", 3, 2);
    }

    @Test
    @DisplayName("F7 the reservation's status is updated on each send and on each result received")
    void F7_statusUpdatedOnSendAndOnResult() {
        EngineFixture f = reportingEngine(b -> b);
        List<DashboardView> seen = new CopyOnWriteArrayList<>();
        f.msgsvc.subscribeDashboard(seen::add);
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);
        f.msgsvc.reportDelivery(DeliveryReport.forDelivery(delivery(r, 0))
                .status(ReportStatus.BUFFERED)
                .build());
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state, Delivery::reportStatus)
                .containsExactly(
                        tuple(DeliveryState.SUBMITTED, ReportStatus.BUFFERED), tuple(DeliveryState.SUBMITTED, null));
        f.msgsvc.reportDelivery(report(r, 0, ReportStatus.DELIVERED));
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation("acme", r.id()).reservation().delivered() == 1);
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status())
                .as("one result still awaited")
                .isEqualTo(ReservationStatus.AWAITING_RESULTS);
        f.msgsvc.reportDelivery(report(r, 1, ReportStatus.DELIVERED));

        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        await().atMost(WAIT).until(() -> seen.size() == 7);
        assertThat(seen)
                .extracting(DashboardView::status)
                .containsExactly(
                        ReservationStatus.SCHEDULED,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.DISPATCHING,
                        ReservationStatus.AWAITING_RESULTS,
                        ReservationStatus.AWAITING_RESULTS,
                        ReservationStatus.COMPLETED);
        assertThat(seen).extracting(DashboardView::awaiting).containsExactly(0, 0, 1, 2, 2, 1, 0);
        assertThat(seen).extracting(DashboardView::delivered).containsExactly(0, 0, 0, 0, 0, 1, 2);
        assertThat(f.events)
                .extracting(ReservationEvent::type)
                .filteredOn(type -> !type.equals("Billed") && !type.equals("StatisticsCounted"))
                .containsExactly(
                        "Reserved",
                        "DispatchStarted",
                        "MsgSubmitted",
                        "MsgSubmitted",
                        "SendCompleted",
                        "DeliveryReported",
                        "DeliveryReported");
    }

    @Test
    @DisplayName("a report that comes before its send result is stored is parked, then applied with the result")
    void aReportBeforeTheSendResultIsParkedNotLost() {
        EngineFixture f = reportingEngine(b -> b);
        List<ReportOutcome> answered = new CopyOnWriteArrayList<>();
        f.channel.answerWith(m -> {
            // the provider reports faster than the engine stores the result of its call
            DeliveryReport early = m.deliveryId().sequence() == 0
                    ? DeliveryReport.forDelivery(m.deliveryId())
                            .status(ReportStatus.DELIVERED)
                            .build()
                    : DeliveryReport.forReference(RecordingChannel.referenceOf(m))
                            .status(ReportStatus.UNDELIVERED)
                            .build();
            answered.add(f.msgsvc.reportDelivery(early));
            return SendOutcome.accepted(RecordingChannel.referenceOf(m));
        });
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());

        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        assertThat(answered).containsExactly(ReportOutcome.PARKED, ReportOutcome.PARKED);
        assertThat(states(f, r)).containsExactly(DeliveryState.DELIVERED, DeliveryState.UNDELIVERED);
        assertThat(totals(f, "acme")).isEqualTo(new StatisticsCounters(1, 0, 0, 0, 0, 2, 1, 1, 0, 0));
    }

    @Test
    @DisplayName("no report within the result timeout: unknown; a late report corrects it, counted and billed once")
    void aLateReportCorrectsADeliveryTheTimeoutEnded() {
        EngineFixture f = reportingEngine(b -> b.awaitReportsFor(Duration.ofHours(1))
                .billingPolicy(BillingPolicy.onAcceptance().refundingUnknown()));
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1", "+2").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);
        f.msgsvc.reportDelivery(report(r, 0, ReportStatus.DELIVERED));

        f.clock.advance(Duration.ofHours(1).plusSeconds(1));

        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        assertThat(states(f, r)).containsExactly(DeliveryState.DELIVERED, DeliveryState.UNKNOWN);
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").refunds() == 1);
        assertThat(f.msgsvc.reportDelivery(report(r, 1, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.LATE);
        await().atMost(WAIT)
                .until(() -> f.msgsvc.reservation("acme", r.id()).reservation().delivered() == 2);
        assertThat(states(f, r)).containsExactly(DeliveryState.DELIVERED, DeliveryState.DELIVERED);
        assertThat(totals(f, "acme"))
                .as("unknown moved to delivered")
                .isEqualTo(new StatisticsCounters(1, 0, 0, 0, 0, 2, 2, 0, 0, 0));
        assertThat(f.eventsOf(ReservationEvent.ReportTimedOut.class)).hasSize(1);
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status())
                .as("the reservation's end is not reopened; its counts follow")
                .isEqualTo(ReservationStatus.PARTIALLY_FAILED);
        assertBilled(f, "charged once, refunded once: the late delivery is not charged again", 2, 1);
        assertThat(f.msgsvc.reportDelivery(report(r, 1, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.DUPLICATE);
    }

    @Test
    @DisplayName("billing on delivery charges only what is reported delivered, late reports included")
    void billingOnDeliveryChargesDeliveredOnly() {
        EngineFixture f =
                reportingEngine(b -> b.awaitReportsFor(Duration.ofHours(1)).billingPolicy(BillingPolicy.onDelivery()));
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);
        assertThat(f.msgsvc.billing("acme").charges())
                .as("nothing charged on acceptance")
                .isZero();

        f.msgsvc.reportDeliveries(List.of(report(r, 0, ReportStatus.DELIVERED), report(r, 1, ReportStatus.REJECTED)));
        f.clock.advance(Duration.ofHours(2));
        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        assertThat(f.msgsvc.reportDelivery(report(r, 2, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.LATE);

        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 2);
        assertBilled(f, "the delivered ones", 2, 0);
        assertThat(f.msgsvc.charges("acme", r.id()))
                .extracting(c -> c.deliveryId().sequence())
                .containsExactly(0, 2);
    }

    @Test
    @DisplayName("a message sent in parts is decided when every part is reported; a repeated part counts once")
    void partsAreDecidedTogether() {
        EngineFixture f = reportingEngine(b -> b);
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);
        DeliveryReport.Builder part = DeliveryReport.forDelivery(delivery(r, 0));

        assertThat(f.msgsvc.reportDelivery(
                        part.status(ReportStatus.DELIVERED).part(1, 3).build()))
                .isEqualTo(ReportOutcome.PART_RECORDED);
        assertThat(f.msgsvc.reportDelivery(
                        part.status(ReportStatus.DELIVERED).part(1, 3).build()))
                .isEqualTo(ReportOutcome.DUPLICATE);
        assertThat(f.msgsvc.reportDelivery(
                        part.status(ReportStatus.EXPIRED).part(3, 3).build()))
                .isEqualTo(ReportOutcome.PART_RECORDED);
        assertThat(states(f, r)).containsExactly(DeliveryState.SUBMITTED);
        assertThat(f.msgsvc.reportDelivery(
                        part.status(ReportStatus.DELIVERED).part(2, 3).build()))
                .as("the last part decides: one part did not arrive, so the message did not")
                .isEqualTo(ReportOutcome.APPLIED);

        awaitStatus(f, "acme", r.id(), ReservationStatus.FAILED);
        assertThat(states(f, r)).containsExactly(DeliveryState.EXPIRED);
        assertThat(totals(f, "acme").expired()).isEqualTo(1);
    }

    @Test
    @DisplayName("reports name only deliveries that exist, of the customer the caller acts for")
    void unknownAndForeignReferencesChangeNothing() {
        EngineFixture f = reportingEngine(b -> b);
        Reservation r =
                f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.AWAITING_RESULTS);

        assertThat(f.msgsvc.reportDelivery(DeliveryReport.forDelivery(delivery(r, 0))
                        .status(ReportStatus.DELIVERED)
                        .customerId("globex")
                        .build()))
                .isEqualTo(ReportOutcome.UNKNOWN_REFERENCE);
        assertThat(f.msgsvc.reportDelivery(report(r, 7, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.UNKNOWN_REFERENCE);

        assertThat(states(f, r)).containsExactly(DeliveryState.SUBMITTED);
        assertThat(f.msgsvc.reportDelivery(DeliveryReport.forDelivery(delivery(r, 0))
                        .status(ReportStatus.DELIVERED)
                        .customerId("acme")
                        .build()))
                .isEqualTo(ReportOutcome.APPLIED);
    }

    @Test
    @DisplayName("a cancelled reservation's submitted deliveries still take their reports")
    void reportsOfACancelledReservationStillApply() {
        EngineFixture f = reportingEngine(b -> b);
        f.channel.answerWith(m -> {
            if (m.deliveryId().sequence() == 0) {
                f.msgsvc.cancel("acme", m.deliveryId().reservationId());
            }
            return SendOutcome.accepted(RecordingChannel.referenceOf(m));
        });
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "Hi", "+1", "+2", "+3").build());
        awaitStatus(f, "acme", r.id(), ReservationStatus.CANCELLED);
        assertThat(states(f, r))
                .containsExactly(DeliveryState.SUBMITTED, DeliveryState.CANCELLED, DeliveryState.CANCELLED);

        assertThat(f.msgsvc.reportDelivery(report(r, 0, ReportStatus.DELIVERED)))
                .isEqualTo(ReportOutcome.APPLIED);

        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).delivered() == 1);
        assertThat(totals(f, "acme")).isEqualTo(new StatisticsCounters(1, 0, 0, 0, 2, 1, 1, 0, 0, 0));
        assertThat(f.msgsvc.reservation("acme", r.id()).reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
    }
}
