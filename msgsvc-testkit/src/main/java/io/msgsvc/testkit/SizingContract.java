package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.Charge;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.OverLength;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.SendingSpeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages sized in carriers' units on the engine: over one SMS rejected (and compensated), upgraded to an LMS or
 * split into segments; the channel told the type and units; each charge priced by them and stored with them.
 */
public abstract class SizingContract extends EngineContract {
    static final BigDecimal SMS_PRICE = new BigDecimal("9");
    static final BigDecimal LMS_PRICE = new BigDecimal("30");
    static final Pricing PER_TYPE = Pricing.perUnit(Map.of(MessageType.SMS, SMS_PRICE, MessageType.LMS, LMS_PRICE));

    /** 80 EUC-KR bytes of Hangul and {@code ascii} bytes of ASCII. */
    static String hangul80Plus(int ascii) {
        return "가".repeat(40) + "a".repeat(ascii);
    }

    @Test
    void overOneSmsIsRejectedByDefaultAndWhatFitsIsChargedAsOneSms() {
        EngineFixture f = engine(b -> b.contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers()))
                .pricing(PER_TYPE));
        Reservation fits = f.msgsvc.reserve(
                EngineFixture.request("acme", hangul80Plus(10), "+1").build());
        Reservation over = f.msgsvc.reserve(
                EngineFixture.request("acme", hangul80Plus(11), "+1", "+2").build());

        awaitStatus(f, "acme", fits.id(), ReservationStatus.COMPLETED);
        awaitStatus(f, "acme", over.id(), ReservationStatus.REJECTED);
        assertThat(f.msgsvc.reservation("acme", over.id()).reservation().statusReason())
                .contains("91 bytes in EUC-KR, over the 90 of one SMS");
        assertThat(f.channel.callsFor(over.id())).isEmpty();
        assertThat(f.msgsvc.charges("acme", over.id())).isEmpty();
        assertThat(f.channel.callsFor(fits.id()))
                .singleElement()
                .satisfies(m -> assertThat(m.size().type()).isEqualTo(MessageType.SMS))
                .satisfies(m -> assertThat(m.size().length()).isEqualTo(90));
        await().atMost(WAIT).until(() -> f.msgsvc.charges("acme", fits.id()).size() == 1);
        assertThat(f.msgsvc.charges("acme", fits.id()))
                .singleElement()
                .satisfies(c -> assertCharge(c, MessageType.SMS, 1, SMS_PRICE));
    }

    @Test
    void upgradeSendsAnLmsChargedAtItsPriceAndOverTheLmsLimitIsStillRejected() {
        EngineFixture f = reportingEngine(b -> b.contentPolicy(
                        ContentPolicy.sized(MessageSizer.koreanCarriers()).overLength(OverLength.UPGRADE))
                .pricing(PER_TYPE));
        Reservation lms = f.msgsvc.reserve(EngineFixture.request("acme", hangul80Plus(11), "+1", "+2")
                .subject("가".repeat(20)) // 40 bytes: a subject at its limit
                .build());
        Reservation tooLong = f.msgsvc.reserve(
                EngineFixture.request("acme", "가".repeat(1000) + "a", "+1").build());

        awaitStatus(f, "acme", tooLong.id(), ReservationStatus.REJECTED);
        assertThat(f.msgsvc.reservation("acme", tooLong.id()).reservation().statusReason())
                .contains("2001 bytes in EUC-KR, over the 2000 of an LMS");
        await().atMost(WAIT).until(() -> f.msgsvc.charges("acme", lms.id()).size() == 2);
        assertThat(f.channel.callsFor(lms.id()))
                .extracting(OutboundMessage::size)
                .allSatisfy(s -> {
                    assertThat(s.type()).isEqualTo(MessageType.LMS);
                    assertThat(s.units()).isEqualTo(1);
                    assertThat(s.length()).isEqualTo(91);
                });
        // accepted and awaiting reports: the submission carries the size the charge is priced by
        assertThat(f.eventsOf(MsgSubmitted.class))
                .extracting(MsgSubmitted::messageType)
                .containsOnly(MessageType.LMS);
        assertThat(f.msgsvc.charges("acme", lms.id())).allSatisfy(c -> assertCharge(c, MessageType.LMS, 1, LMS_PRICE));
    }

    @Test
    void splitBillsEverySegmentAlsoWhenEventsTakeTheOutbox() {
        EngineFixture f = engine(
                b -> b.contentPolicy(ContentPolicy.sized(MessageSizer.gsm()).overLength(OverLength.SPLIT))
                        .pricing(Pricing.perUnit(new BigDecimal("0.05")))
                        .inlineProjection(false)); // events as JSON through the outbox to the billing projection
        Reservation split = f.msgsvc.reserve(
                EngineFixture.request("acme", "€".repeat(80) + "a", "+1").build());
        Reservation unicode = f.msgsvc.reserve(
                EngineFixture.request("acme", "😀".repeat(35), "+1").build());

        awaitStatus(f, "acme", split.id(), ReservationStatus.COMPLETED);
        awaitStatus(f, "acme", unicode.id(), ReservationStatus.COMPLETED);
        await().atMost(WAIT)
                .until(() -> f.msgsvc.charges("acme", split.id()).size() == 1
                        && f.msgsvc.charges("acme", unicode.id()).size() == 1);
        assertThat(f.channel.callsFor(split.id())).singleElement().satisfies(m -> {
            assertThat(m.size().encoding()).isEqualTo("GSM-7");
            assertThat(m.size().length()).isEqualTo(161); // each euro sign is two septets
            assertThat(m.size().units()).isEqualTo(2);
        });
        assertThat(f.msgsvc.charges("acme", split.id()))
                .singleElement()
                .satisfies(c -> assertCharge(c, MessageType.SMS, 2, new BigDecimal("0.10")));
        assertThat(f.msgsvc.charges("acme", unicode.id())) // 70 UTF-16 units in UCS-2: one SMS
                .singleElement()
                .satisfies(c -> assertCharge(c, MessageType.SMS, 1, new BigDecimal("0.05")));
    }

    @Test
    void perDeliveryFailsOnlyTheDeliveriesThatCannotBeSentAndFailFastRefusesNamingTheField() {
        ContentPolicy korean = ContentPolicy.sized(MessageSizer.koreanCarriers());
        EngineFixture f = engine(b -> b.contentPolicy(korean.perDelivery()).pricing(PER_TYPE));
        Reservation emoji = f.msgsvc.reserve(
                EngineFixture.request("acme", "안녕😀", "+1", "+2").build());

        awaitStatus(f, "acme", emoji.id(), ReservationStatus.FAILED);
        ReservationDetails details = f.msgsvc.reservation("acme", emoji.id());
        assertThat(details.deliveries()).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(d.detail()).contains("U+1F600", "at index 2", "EUC-KR");
        });
        assertThat(details.deliveries()).extracting(Delivery::recipient).containsExactly("+1", "+2");
        assertThat(f.channel.callsFor(emoji.id())).isEmpty();
        assertThat(f.msgsvc.charges("acme", emoji.id())).isEmpty();

        EngineFixture strict = engine(b -> b.contentPolicy(korean.failFast()));
        assertThatThrownBy(() -> strict.msgsvc.reserve(
                        EngineFixture.request("acme", "안녕😀", "+1").build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("text"));
        assertThatThrownBy(() -> strict.msgsvc.reserve(EngineFixture.request("acme", "hi", "+1")
                        .subject("가".repeat(20) + "a")
                        .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("subject");
                    assertThat(e.getMessage()).contains("41 bytes");
                });
    }

    @Test
    void eachRecipientIsSizedOnItsOwnRenderingSoOneLongNameMakesOneLms() {
        ContentPolicy korean = ContentPolicy.sized(MessageSizer.koreanCarriers());
        String template = "가".repeat(40) + "#{name}"; // 80 bytes fixed: the names decide
        EngineFixture upgrading = engine(
                b -> b.contentPolicy(korean.overLength(OverLength.UPGRADE)).pricing(PER_TYPE));
        Reservation mixed = upgrading.msgsvc.reserve(EngineFixture.request("acme", template)
                .recipient("+1", Map.of("name", "Kim"))
                .recipient("+2", Map.of("name", "Alexander-Long"))
                .build());

        awaitStatus(upgrading, "acme", mixed.id(), ReservationStatus.COMPLETED);
        await().atMost(WAIT)
                .until(() -> upgrading.msgsvc.charges("acme", mixed.id()).size() == 2);
        assertThat(upgrading.channel.callsFor(mixed.id()))
                .extracting(
                        m -> m.recipient(), m -> m.size().type(), m -> m.size().length())
                .containsExactly(tuple("+1", MessageType.SMS, 83), tuple("+2", MessageType.LMS, 94));
        assertThat(upgrading.msgsvc.charges("acme", mixed.id()))
                .extracting(Charge::type)
                .containsExactlyInAnyOrder(MessageType.SMS, MessageType.LMS);

        EngineFixture rejecting = engine(b -> b.contentPolicy(korean).pricing(PER_TYPE));
        Reservation oneTooLong = rejecting.msgsvc.reserve(EngineFixture.request("acme", template)
                .recipient("+1", Map.of("name", "Kim"))
                .recipient("+2", Map.of("name", "Alexander-Long"))
                .build());
        Reservation fixedTooLong = rejecting.msgsvc.reserve(EngineFixture.request("acme", template + "a".repeat(11))
                .recipient("+1", Map.of("name", ""))
                .build());

        awaitStatus(rejecting, "acme", fixedTooLong.id(), ReservationStatus.REJECTED); // every rendering overflows
        awaitStatus(rejecting, "acme", oneTooLong.id(), ReservationStatus.PARTIALLY_FAILED);
        assertThat(rejecting.msgsvc.reservation("acme", oneTooLong.id()).deliveries())
                .extracting(Delivery::state)
                .containsExactly(DeliveryState.SENT, DeliveryState.FAILED);
        assertThat(rejecting.channel.callsFor(oneTooLong.id()))
                .extracting(m -> m.recipient())
                .containsExactly("+1");
        await().atMost(WAIT)
                .until(() -> rejecting.msgsvc.charges("acme", oneTooLong.id()).size() == 1);
        assertThat(rejecting.channel.callsFor(fixedTooLong.id())).isEmpty();
    }

    @Test
    void aSendAnEarlierNodeMayHaveMadeGoesAgainAsItWentNeverFailedForItsSize() {
        EngineFixture f = engine(b -> b.nodeId("unsized")); // no content policy: 91 bytes go out
        f.channel.answerWith(m -> SendOutcome.transientFailure("no answer")); // it may have reached the provider
        Reservation r = f.msgsvc.reserve(
                EngineFixture.request("acme", "x".repeat(91), "+1").build());
        await().atMost(WAIT)
                .until(() ->
                        f.msgsvc.reservation("acme", r.id()).deliveries().get(0).attempts() == 1);
        f.msgsvc.close();

        f.channel.answerWith(m -> SendOutcome.accepted("ref"));
        Msgsvc sized = f.anotherNode(
                        b -> b.nodeId("sized").contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers())))
                .start();
        f.clock.advance(Duration.ofSeconds(11)); // the retry is due
        await().atMost(WAIT)
                .until(() -> sized.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
        assertThat(f.channel.callsFor(r.id())).hasSize(2).last().satisfies(m -> {
            assertThat(m.size().type()).isEqualTo(MessageType.SMS);
            assertThat(m.size().units()).isEqualTo(1);
            assertThat(m.size().length()).isEqualTo(91);
        });
    }

    @Test
    void aSendRefusedForItsSizeUsesNoSendingPermit() {
        EngineFixture f = engine(b -> b.contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers()))
                .sendingLimits(SendingLimits.none().eachCustomer(SendingSpeed.perMinute(60)))); // a burst of one
        Reservation r = f.msgsvc.reserve(EngineFixture.request("acme", "#{n}")
                .recipient("+1", Map.of("n", "x".repeat(91))) // fails at its send
                .recipient("+2", Map.of("n", "fits"))
                .build());

        // the clock stands still: the second send goes only if the first left the burst's one permit unused
        awaitStatus(f, "acme", r.id(), ReservationStatus.PARTIALLY_FAILED);
        assertThat(f.channel.recipientsCalled(r.id())).containsExactly("+2");
    }

    static void assertCharge(Charge c, MessageType type, int units, BigDecimal amount) {
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.units()).isEqualTo(units);
        assertThat(c.amount()).isEqualByComparingTo(amount);
    }
}
