package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.CampaignDefaults;
import io.msgsvc.RecipientPolicy;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.DeliveryWindow;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageKind;
import io.msgsvc.api.OptOut;
import io.msgsvc.api.OptOutRequest;
import io.msgsvc.api.OptOutScope;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Preview;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.RecipientPreview;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationEvent.MsgSkipped;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.StatisticsCounters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Opt-out lists on the adapter under test: kept, listed, replaced and removed, refused whole with a field error;
 * and checked at dispatch: an opted-out recipient is skipped (unsent, unbilled, counted, the status and dashboard
 * exact), by the scope of the opt-out and the kind of the message, on the customer's and the global list, matching
 * a phone number however it is written; an opt-out added while a reservation is sent stops its later recipients
 * only.
 */
public abstract class OptOutContract extends EngineContract {
    private static final String KR_MOBILE = "010-1234-5678";
    private static final String KR_MOBILE_E164 = "+821012345678";

    private EngineFixture koreanEngine() {
        return engine(b -> b.recipientPolicy(RecipientPolicy.defaults().withDefaultRegion("KR")));
    }

    @Test
    void aPreviewShowsTheOptedOutAsSkippedUnpricedAndTheAdvertisingHoursAsTheStart() {
        EngineFixture f =
                engine(b -> b.recipientPolicy(RecipientPolicy.defaults().withDefaultRegion("KR"))
                        .campaignDefaults(CampaignDefaults.none().koreanAdvertisingRule())
                        .pricing(Pricing.flat(BigDecimal.TEN)));
        f.msgsvc.optOuts().add("acme", new OptOutRequest(KR_MOBILE, OptOutScope.ADVERTISING, "replied STOP"));
        Instant nineThirtyPm =
                ZonedDateTime.of(2026, 5, 1, 21, 30, 0, 0, DeliveryWindow.SEOUL).toInstant();

        Preview ad = f.msgsvc.preview(EngineFixture.request("acme", "(광고) Sale", "+82 10 1234 5678", "+82 10 9")
                .kind(MessageKind.ADVERTISING)
                .sendAt(nineThirtyPm)
                .build());
        Preview notice = f.msgsvc.preview(EngineFixture.request("acme", "Notice", KR_MOBILE)
                .sendAt(nineThirtyPm)
                .build());

        assertThat(ad.recipients())
                .extracting(RecipientPreview::skipped, RecipientPreview::cost)
                .containsExactly(
                        tuple("opt-out (advertising): replied STOP", BigDecimal.ZERO), tuple(null, BigDecimal.TEN));
        assertThat(ad.violations()).containsExactly("recipients[0]: opt-out (advertising): replied STOP");
        assertThat(ad.cost()).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(ad.startsAt()) // no advertising at night: the next 08:00 in Seoul
                .isEqualTo(ZonedDateTime.of(2026, 5, 2, 8, 0, 0, 0, DeliveryWindow.SEOUL)
                        .toInstant());
        assertThat(notice.recipients())
                .singleElement()
                .satisfies(r -> assertThat(r.sendable()).isTrue());
        assertThat(notice.startsAt()).isEqualTo(nineThirtyPm);
        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                .isZero();
    }

    @Test
    void optedOutRecipientsAreSkippedUnbilledAndCountedOnTheCustomersAndTheGlobalList() {
        EngineFixture f = koreanEngine();
        f.msgsvc.optOuts().add("acme", new OptOutRequest(KR_MOBILE, OptOutScope.ALL, "asked by phone"));
        f.msgsvc.optOuts().addGlobal(new OptOutRequest("Someone@Example.com ", OptOutScope.ALL, "complaint"));

        // the international form of the national number matches; the global entry stops every customer
        Reservation acme = f.msgsvc.reserve(EngineFixture.request(
                        "acme", "Hi", "+82 10 1111 2222", "+82 10 1234 5678", "someone@example.COM", "+82 10 3333 4444")
                .build());
        Reservation globex = f.msgsvc.reserve(EngineFixture.request("globex", "Hi", KR_MOBILE, "someone@example.com")
                .build());
        awaitStatus(f, "acme", acme.id(), ReservationStatus.COMPLETED);
        awaitStatus(f, "globex", globex.id(), ReservationStatus.COMPLETED);

        assertThat(f.channel.recipientsCalled(acme.id())).containsExactly("+82 10 1111 2222", "+82 10 3333 4444");
        assertThat(f.channel.recipientsCalled(globex.id())).containsExactly(KR_MOBILE); // acme's list is acme's
        List<Delivery> deliveries = f.msgsvc.deliveries("acme", acme.id(), 0, 10);
        assertThat(deliveries)
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.SKIPPED, DeliveryState.SKIPPED, DeliveryState.SENT);
        assertThat(deliveries.get(1).detail()).isEqualTo("opt-out (all): asked by phone");
        assertThat(deliveries.get(2).detail()).isEqualTo("global opt-out (all): complaint");

        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 2);
        await().atMost(WAIT)
                .until(() ->
                        f.msgsvc.statistics(Instant.EPOCH, Instant.MAX).totals().skipped() == 3);
        StatisticsCounters acmeCounts =
                f.msgsvc.statistics("acme", Instant.EPOCH, Instant.MAX).totals();
        assertThat(acmeCounts.sent()).isEqualTo(2);
        assertThat(acmeCounts.skipped()).isEqualTo(2);
        assertThat(acmeCounts.failed()).isZero();
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(2);
        assertThat(f.msgsvc.billing("globex").charges()).isEqualTo(1);
        // the status and the dashboard count the skipped among those not sent: nothing is left pending
        Reservation done = f.msgsvc.reservation("acme", acme.id()).reservation();
        assertThat(List.of(done.sent(), done.failed(), done.cancelled())).containsExactly(2, 0, 2);
        var row = f.msgsvc.dashboard("acme", acme.id());
        assertThat(List.of(row.sent(), row.failed(), row.cancelled(), row.pending()))
                .containsExactly(2, 0, 2, 0);
        assertThat(f.eventsOf(MsgSkipped.class)).hasSize(3);
    }

    @Test
    void anAdvertisingOptOutStopsAdvertisingOnlyAndAnAllOptOutStopsBoth() {
        EngineFixture f = koreanEngine();
        f.msgsvc.optOuts().add("acme", new OptOutRequest("+82 10 1000 0001", OptOutScope.ADVERTISING, null));
        f.msgsvc.optOuts().add("acme", new OptOutRequest("010-1000-0002", OptOutScope.ALL, null));
        String[] recipients = {"01010000001", "01010000002", "01010000003"};

        Reservation ad = f.msgsvc.reserve(EngineFixture.request("acme", "Sale", recipients)
                .kind(MessageKind.ADVERTISING)
                .nightConsent(true)
                .build());
        Reservation info = f.msgsvc.reserve(EngineFixture.request("acme", "Your order", recipients)
                .kind(MessageKind.INFORMATIONAL)
                .build());
        awaitStatus(f, "acme", ad.id(), ReservationStatus.COMPLETED);
        awaitStatus(f, "acme", info.id(), ReservationStatus.COMPLETED);

        assertThat(f.channel.recipientsCalled(ad.id())).containsExactly("01010000003");
        assertThat(f.channel.recipientsCalled(info.id())).containsExactly("01010000001", "01010000003");
        assertThat(f.msgsvc.optOuts().isOptedOut("acme", "+821010000001", MessageKind.ADVERTISING))
                .isTrue();
        assertThat(f.msgsvc.optOuts().isOptedOut("acme", "+821010000001", MessageKind.INFORMATIONAL))
                .isFalse();
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 3);
    }

    @Test
    void anOptOutAddedWhileAReservationIsSentStopsItsLaterRecipientsAndTheSendInFlightStands() {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingChannel channel = new RecordingChannel(m -> {
            if (m.recipient().equals("+1002")) {
                held.countDown();
                awaitQuietly(release);
            }
            return SendOutcome.accepted("ok-" + m.idempotencyKey());
        });
        // one send at a time, the pending deliveries read (and looked up) two at a time
        EngineFixture f = engine(channel, b -> b.sendWindow(1).deliveryBatchSize(2));
        Reservation r = f.msgsvc.reserve(EngineFixture.request(
                        "acme", "Hi", "+1000", "+1001", "+1002", "+1003", "+1004", "+1005", "+1006", "+1007")
                .build());

        awaitQuietly(held);
        f.msgsvc.optOuts().add("acme", OptOutRequest.of("+1002")); // the one in flight
        f.msgsvc.optOuts().add("acme", OptOutRequest.of("+1005")); // a later batch
        f.msgsvc.optOuts().addGlobal(OptOutRequest.of("+1007"));
        release.countDown();
        awaitStatus(f, "acme", r.id(), ReservationStatus.COMPLETED);

        assertThat(f.channel.recipientsCalled(r.id()))
                .containsExactly("+1000", "+1001", "+1002", "+1003", "+1004", "+1006");
        assertThat(f.msgsvc.deliveries("acme", r.id(), 0, 10))
                .extracting(Delivery::state)
                .containsExactly(
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.SKIPPED,
                        DeliveryState.SENT,
                        DeliveryState.SKIPPED);
        await().atMost(WAIT).until(() -> f.msgsvc.billing("acme").charges() == 6);
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                                .statistics("acme", Instant.EPOCH, Instant.MAX)
                                .totals()
                                .skipped()
                        == 2);
    }

    @Test
    void listsAreImportedListedReplacedAndRemovedAndABadEntryRefusesTheWholeImport() {
        EngineFixture f = koreanEngine();
        var optOuts = f.msgsvc.optOuts();
        assertThatThrownBy(() ->
                        optOuts.importAll("acme", List.of(OptOutRequest.of("010-2000-0001"), OptOutRequest.of("  "))))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("optOuts[1].address");
        assertThatThrownBy(() -> optOuts.add("acme", new OptOutRequest("+1", OptOutScope.ALL, "x".repeat(201))))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("reason");
        assertThatThrownBy(() -> optOuts.add(" ", OptOutRequest.of("+1")))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("customerId");
        assertThat(optOuts.list("acme", PageRequest.of(0, 10)).totalItems()).isZero();

        List<OptOut> imported = optOuts.importAll(
                "acme",
                List.of(
                        OptOutRequest.of("010-2000-0003"),
                        new OptOutRequest("+82 10 2000 0001", OptOutScope.ADVERTISING, "web form"),
                        OptOutRequest.of("User@Example.com")));
        assertThat(imported)
                .extracting(OptOut::address)
                .containsExactly("+821020000003", "+821020000001", "user@example.com");
        var firstPage = optOuts.list("acme", PageRequest.of(0, 2));
        assertThat(firstPage.totalItems()).isEqualTo(3);
        assertThat(firstPage.items()).extracting(OptOut::address).containsExactly("+821020000001", "+821020000003");
        assertThat(firstPage.items().get(0).reason()).isEqualTo("web form");
        assertThat(firstPage.items().get(0).customerId()).isEqualTo("acme");

        // added again: replaced, widened to every message
        optOuts.add("acme", new OptOutRequest("01020000001", OptOutScope.ALL, "phoned"));
        assertThat(optOuts.find("acme", "+82-10-2000-0001", MessageKind.INFORMATIONAL))
                .get()
                .extracting(OptOut::scope, OptOut::reason)
                .containsExactly(OptOutScope.ALL, "phoned");
        assertThat(optOuts.list("acme", PageRequest.of(0, 10)).totalItems()).isEqualTo(3);
        assertThat(optOuts.list("globex", PageRequest.of(0, 10)).totalItems()).isZero();

        assertThat(optOuts.remove("acme", "+82 10 2000 0003")).isTrue();
        assertThat(optOuts.remove("acme", "+82 10 2000 0003")).isFalse();
        assertThat(optOuts.isOptedOut("acme", "010-2000-0003", MessageKind.INFORMATIONAL))
                .isFalse();

        optOuts.addGlobal(OptOutRequest.of("010-2000-0009"));
        assertThat(optOuts.listGlobal(PageRequest.of(0, 10)).items())
                .singleElement()
                .satisfies(o -> assertThat(o.isGlobal()).isTrue());
        assertThat(optOuts.isOptedOut("globex", "+821020000009", MessageKind.INFORMATIONAL))
                .isTrue();
        assertThat(optOuts.removeGlobal("01020000009")).isTrue();
        assertThat(optOuts.isOptedOut("globex", "+821020000009", MessageKind.INFORMATIONAL))
                .isFalse();
    }
}
