package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.CampaignDefaults;
import io.msgsvc.api.CampaignRules;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DispatchStarted;
import io.msgsvc.api.ReservationEvent.ReservationExpired;
import io.msgsvc.api.ReservationEvent.WaitingForWindow;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotChangeableException;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Campaign schedules on the manual clock: delivery windows (across midnight and a daylight-saving change, closing
 * while a reservation is sent), Korea's advertising hours, expiry of the recipients not sent in time, local send
 * times, and the schedules refused at registration. Run against each storage by extending this class.
 */
public abstract class CampaignScheduleContract extends EngineContract {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anAdvertisementAt2130InSeoulWaitsUntil0800UnlessItsRecipientsConsentedAndInformationGoes() {
        EngineFixture f = engine(b -> b.campaignDefaults(CampaignDefaults.none().koreanAdvertisingRule()));
        f.clock.set(Instant.parse("2026-01-01T12:30:00Z")); // 21:30 in Seoul
        Reservation ad = f.msgsvc.reserve(ad(false).build());
        Reservation consented = f.msgsvc.reserve(ad(true).build());
        Reservation info = f.msgsvc.reserve(
                EngineFixture.request("acme", "Your parcel is on its way", "+3").build());

        awaitStatus(f, "acme", consented.id(), ReservationStatus.COMPLETED);
        awaitStatus(f, "acme", info.id(), ReservationStatus.COMPLETED);
        Instant eight = Instant.parse("2026-01-01T23:00:00Z"); // 08:00 the next morning in Seoul
        awaitNextSendAt(f, ad.id(), eight);
        assertThat(f.msgsvc.reservation("acme", ad.id()).nextSendAt()).isEqualTo(eight);
        assertThat(f.channel.recipientsCalled(ad.id())).isEmpty();
        Delivery waiting = f.msgsvc.reservation("acme", ad.id()).deliveries().get(0);
        assertThat(waiting.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(waiting.attempts())
                .as("waiting for the window uses no attempt")
                .isZero();
        // told at registration, and again by the claim at its send time that put it off without starting it
        await().atMost(WAIT).until(() -> waits(f, ad.id()).size() == 2);
        assertThat(waits(f, ad.id())).containsExactly(eight, eight);
        awaitStatus(f, "acme", ad.id(), ReservationStatus.SCHEDULED);
        assertThat(started(f, ad.id())).isEmpty();

        f.clock.set(eight);
        awaitStatus(f, "acme", ad.id(), ReservationStatus.COMPLETED);
        assertThat(started(f, ad.id())).containsExactly(eight);
        assertThat(f.channel.recipientsCalled(ad.id())).containsExactly("+1");
        assertThat(f.msgsvc.dashboard("acme", ad.id()).nextSendAt()).isNull();
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 3);
    }

    @Test
    void aWindowAcrossMidnightClosesMidDispatchAndOpensAgainAfterTheClocksSprangForward() {
        AtomicReference<ManualClock> clock = new AtomicReference<>();
        Instant closes = Instant.parse("2026-03-08T10:00:00Z"); // 06:00 EDT: the clocks sprang forward at 02:00
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.deliveryId().sequence() == 1) {
                clock.get().set(closes); // the window closes while +2 is being sent: +2 still goes
            }
            return SendOutcome.accepted(null);
        });
        EngineFixture f =
                new EngineFixture(newStorage(), channel, b -> configure(b).sendWindow(1));
        clock.set(f.clock);
        try {
            f.clock.set(Instant.parse("2026-03-07T15:00:00Z")); // Saturday 10:00 EST
            DeliveryWindow nights = DeliveryWindow.daily(LocalTime.of(22, 0), LocalTime.of(6, 0), NEW_YORK);
            Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Night shift", "+1", "+2", "+3")
                    .deliveryWindow(nights)
                    .build());
            Instant saturday22 = Instant.parse("2026-03-08T03:00:00Z"); // 22:00 EST
            awaitNextSendAt(f, r.id(), saturday22);
            awaitStatus(f, "acme", r.id(), ReservationStatus.SCHEDULED);
            assertThat(f.msgsvc
                            .reservation("acme", r.id())
                            .reservation()
                            .rules()
                            .window())
                    .isEqualTo(nights);

            f.clock.set(saturday22);
            Instant sunday22 = Instant.parse("2026-03-09T02:00:00Z"); // 22:00 EDT
            awaitNextSendAt(f, r.id(), sunday22);
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");
            assertThat(f.msgsvc.dashboard("acme", r.id()).sent()).isEqualTo(2);
            // once something was sent, a window that closes keeps it dispatching, with its next send time
            awaitStatus(f, "acme", r.id(), ReservationStatus.DISPATCHING);
            assertThat(f.msgsvc.reservation("acme", r.id()).nextSendAt()).isEqualTo(sunday22);
            assertThat(started(f, r.id())).containsExactly(saturday22);

            f.clock.set(sunday22);
            awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2", "+3");
            assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                    .extracting(Delivery::attempts)
                    .containsExactly(1, 1, 1);
        } finally {
            f.close();
            release(f.storage);
        }
    }

    @Test
    void aReservationWaitingForItsWindowStaysScheduledWithTheOpeningAsItsNextSendTimeUntilItOpens() {
        EngineFixture f = engine(b -> b);
        Instant sendAt = Instant.parse("2026-01-01T09:30:00Z");
        Instant opens = Instant.parse("2026-01-01T10:00:00Z");
        DeliveryWindow tenToEleven = DeliveryWindow.daily(LocalTime.of(10, 0), LocalTime.of(11, 0), ZoneId.of("UTC"));
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Opening hours", "+1", "+2")
                .sendAt(sendAt)
                .deliveryWindow(tenToEleven)
                .build());

        // before any claim: the opening, not the send time
        awaitNextSendAt(f, r.id(), opens);
        assertWaiting(f, r.id(), opens);

        f.clock.set(sendAt); // claimed at its send time, and put off without starting
        await().atMost(WAIT).until(() -> waits(f, r.id()).size() == 2);
        assertWaiting(f, r.id(), opens);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state, Delivery::attempts)
                .containsOnly(tuple(DeliveryState.PENDING, 0));

        // still scheduled, so it may be moved, paused and resumed: each time the opening is its next send time
        Instant quarterTo = Instant.parse("2026-01-01T09:45:00Z");
        f.msgsvc.reschedule("acme", r.id(), quarterTo);
        await().atMost(WAIT).until(() -> waits(f, r.id()).size() == 3);
        assertWaiting(f, r.id(), opens);
        f.msgsvc.pause("acme", r.id());
        awaitStatus(f, "acme", r.id(), ReservationStatus.PAUSED);
        f.msgsvc.resume("acme", r.id());
        await().atMost(WAIT).until(() -> waits(f, r.id()).size() == 4);
        assertWaiting(f, r.id(), opens);

        f.clock.set(opens);
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");
        assertThat(started(f, r.id())).containsExactly(opens);
        assertThat(f.events.stream()
                        .filter(e -> e.reservationId().equals(r.id()))
                        .map(ReservationEvent::type)
                        .filter(type -> !type.equals("Billed") && !type.equals("StatisticsCounted"))
                        .toList())
                .containsExactly(
                        "Reserved",
                        "WaitingForWindow",
                        "WaitingForWindow",
                        "ReservationRescheduled",
                        "WaitingForWindow",
                        "ReservationPaused",
                        "ReservationResumed",
                        "WaitingForWindow",
                        "DispatchStarted",
                        "MsgSent",
                        "MsgSent",
                        "SendCompleted");
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 2);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                        .statistics("acme", Instant.EPOCH, Instant.MAX)
                        .totals()
                        .equals(new StatisticsCounters(1, 2, 0, 0, 0)));
        assertThat(f.msgsvc.dashboard("acme", r.id()).nextSendAt()).isNull();
    }

    @Test
    void recipientsNotSentByTheExpiryExpireUnsentUnbilledAndCountedWhileTheOneInFlightStands() {
        AtomicReference<ManualClock> clock = new AtomicReference<>();
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.deliveryId().sequence() == 1) {
                clock.get().advance(Duration.ofHours(2)); // the expiry passes while +2 is being sent
            }
            return SendOutcome.accepted(null);
        });
        EngineFixture f =
                new EngineFixture(newStorage(), channel, b -> configure(b).sendWindow(1));
        clock.set(f.clock);
        try {
            Instant sendAt = f.clock.instant();
            Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "Flash sale", "+1", "+2", "+3", "+4")
                    .maxLateness(Duration.ofHours(1))
                    .build());
            assertThat(r.rules().expireAt()).isEqualTo(sendAt.plus(Duration.ofHours(1)));

            awaitStatus(f, "acme", r.id(), ReservationStatus.EXPIRED);
            assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                    .extracting(Delivery::state)
                    .containsExactly(
                            DeliveryState.SENT,
                            DeliveryState.SENT,
                            DeliveryState.EXPIRED_UNSENT,
                            DeliveryState.EXPIRED_UNSENT);
            assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+1", "+2");
            DashboardView row = f.msgsvc.dashboard("acme", r.id());
            assertThat(row.sent()).isEqualTo(2);
            assertThat(row.cancelled()).as("not sent").isEqualTo(2);
            await().atMost(WAIT)
                    .until(() -> f.msgsvc
                            .statistics("acme", Instant.EPOCH, Instant.MAX)
                            .totals()
                            .equals(new StatisticsCounters(1, 2, 0, 0, 0).plus(DeliveryState.EXPIRED_UNSENT, 2)));
            assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(2);
            assertThat(f.eventsOf(ReservationExpired.class))
                    .extracting(ReservationExpired::expiredDeliveries)
                    .containsExactly(2);
            assertThatThrownBy(() -> f.msgsvc.reschedule("acme", r.id(), f.clock.instant()))
                    .as("refused as ended, not for its expiry")
                    .isInstanceOf(ReservationNotChangeableException.class);
        } finally {
            f.close();
            release(f.storage);
        }
    }

    @Test
    void localSendTimesFollowTheDaylightSavingRuleAndImpossibleSchedulesAreRefusedStoringNothing() {
        EngineFixture f = engine(b -> b.campaignDefaults(CampaignDefaults.none().koreanAdvertisingRule()));
        Instant now = f.clock.instant(); // 2026-01-01T09:00:00Z
        // 02:30 does not exist on 29 March 2026 in Berlin: moved on by the hour skipped, to 03:30 CEST
        Reservation gap = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                .sendAt(LocalDateTime.parse("2026-03-29T02:30"), BERLIN)
                .build());
        assertThat(gap.sendAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 02:30 happens twice on 25 October 2026: the first, still at +02:00
        Reservation overlap = f.msgsvc.reserve(EngineFixture.request("acme", "Hi", "+1")
                .sendAt(LocalDateTime.parse("2026-10-25T02:30"), BERLIN)
                .build());
        assertThat(overlap.sendAt()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        CampaignRules stored =
                f.msgsvc.reservation("acme", gap.id()).reservation().rules();
        assertThat(stored.zone()).isEqualTo(BERLIN);

        DeliveryWindow lateEvening = DeliveryWindow.daily(LocalTime.of(22, 0), LocalTime.of(23, 0), ZoneId.of("UTC"));
        assertRefused(f, "expireAt", request().deliveryWindow(lateEvening).expireAt(now.plus(Duration.ofHours(2))));
        assertRefused(
                f, "sendAt", request().sendAt(now.minus(Duration.ofHours(3))).maxLateness(Duration.ofHours(1)));
        assertRefused(f, "expireAt", request().expireAt(now.minusSeconds(1)));
        assertRefused(
                f,
                "deliveryWindow",
                ad(false)
                        .deliveryWindow(
                                DeliveryWindow.daily(LocalTime.of(22, 0), LocalTime.of(6, 0), DeliveryWindow.SEOUL)));
        assertRefused(f, "sendAt", request().sendAt(now).sendAt(LocalDateTime.parse("2026-01-02T09:00"), BERLIN));
        assertRefused(f, "maxLateness", request().expireAt(now.plusSeconds(60)).maxLateness(Duration.ofHours(1)));
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items())
                .extracting(Reservation::id)
                .containsExactlyInAnyOrder(gap.id(), overlap.id());
    }

    private static ReservationRequest.Builder request() {
        return EngineFixture.request("acme", "Hi", "+1");
    }

    private static ReservationRequest.Builder ad(boolean nightConsent) {
        return EngineFixture.request("acme", "(광고) 50% off tonight", nightConsent ? "+2" : "+1")
                .kind(MessageKind.ADVERTISING)
                .nightConsent(nightConsent);
    }

    private static void assertRefused(EngineFixture f, String field, ReservationRequest.Builder request) {
        assertThatThrownBy(() -> f.msgsvc.reserve(request.build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    /** Waiting for its window, unstarted: scheduled, nothing sent, the opening shown wherever readers look. */
    private static void assertWaiting(EngineFixture f, ReservationId id, Instant opens) {
        awaitStatus(f, "acme", id, ReservationStatus.SCHEDULED);
        awaitNextSendAt(f, id, opens);
        assertThat(f.msgsvc.reservation("acme", id).nextSendAt()).isEqualTo(opens);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).items())
                .filteredOn(listed -> listed.id().equals(id))
                .extracting(Reservation::status)
                .containsExactly(ReservationStatus.SCHEDULED);
        assertThat(started(f, id)).isEmpty();
        assertThat(f.channel.recipientsCalled(id)).isEmpty();
    }

    /** The openings its {@link WaitingForWindow} events named, in order. */
    private static List<Instant> waits(EngineFixture f, ReservationId id) {
        return f.eventsOf(WaitingForWindow.class).stream()
                .filter(w -> w.reservationId().equals(id))
                .map(WaitingForWindow::opensAt)
                .toList();
    }

    /** When its dispatch started, once per {@link DispatchStarted}. */
    private static List<Instant> started(EngineFixture f, ReservationId id) {
        return f.eventsOf(DispatchStarted.class).stream()
                .filter(e -> e.reservationId().equals(id))
                .map(DispatchStarted::occurredAt)
                .toList();
    }

    private static void awaitNextSendAt(EngineFixture f, ReservationId id, Instant expected) {
        await().atMost(WAIT)
                .until(() -> expected.equals(f.msgsvc.dashboard("acme", id).nextSendAt()));
    }
}
