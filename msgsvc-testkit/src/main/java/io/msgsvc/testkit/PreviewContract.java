package io.msgsvc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.msgsvc.ContentPolicy;
import io.msgsvc.SendingLimits;
import io.msgsvc.api.Charge;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageSizer;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.OverLength;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Preview;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.RecipientPreview;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.api.SendingSpeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The preview of a request on the engine: nothing stored or sent, and what it shows (each recipient's type, units
 * and price, those a speed pushes past the expiry expiring unsent) is what the real send then bills.
 */
public abstract class PreviewContract extends EngineContract {
    private static final BigDecimal SMS_PRICE = SizingContract.SMS_PRICE;
    private static final BigDecimal LMS_PRICE = SizingContract.LMS_PRICE;
    private static final Pricing PER_TYPE = SizingContract.PER_TYPE;

    @Test
    void thePreviewStoresNothingAndIsWhatTheSendThenBills() {
        EngineFixture f = engine(b -> b.contentPolicy(
                        ContentPolicy.sized(MessageSizer.koreanCarriers()).overLength(OverLength.UPGRADE))
                .pricing(PER_TYPE)
                .sendingLimits(SendingLimits.none().eachCustomer(SendingSpeed.perMinute(60))));
        ReservationRequest request = EngineFixture.request("acme", "가".repeat(40) + "#{name}")
                .recipient("+1", Map.of("name", "Kim")) // 83 bytes: an SMS
                .recipient("+2", Map.of("name", "Alexander-Long")) // 94 bytes: an LMS
                .recipient("+3", Map.of("name", "😀")) // no EUC-KR for it: not sent
                .build();

        Preview preview = f.msgsvc.preview(request);

        assertThat(f.msgsvc.reservations("acme", PageRequest.of(0, 10)).totalItems())
                .as("nothing stored")
                .isZero();
        assertThat(preview.recipients())
                .extracting(r -> r.size().type(), r -> r.size().units(), RecipientPreview::cost)
                .containsExactly(
                        tuple(MessageType.SMS, 1, SMS_PRICE),
                        tuple(MessageType.LMS, 1, LMS_PRICE),
                        tuple(MessageType.SMS, 0, BigDecimal.ZERO));
        assertThat(preview.recipients().get(0).text()).endsWith("Kim");
        assertThat(preview.violations())
                .singleElement()
                .asString()
                .startsWith("recipients[2]: ")
                .contains("U+1F600");
        assertThat(preview.sendable()).isEqualTo(2);
        assertThat(preview.units()).isEqualTo(2);
        assertThat(preview.cost()).isEqualByComparingTo(SMS_PRICE.add(LMS_PRICE));
        assertThat(preview.startsAt()).isEqualTo(f.clock.instant());
        assertThat(preview.expectedFinishAt()) // one a second after a burst of one
                .isEqualTo(f.clock.instant().plusSeconds(1));

        Reservation sent = f.msgsvc.reserve(request);
        await().atMost(WAIT)
                .until(
                        () -> { // the manual clock moves the paced sends on
                            f.clock.advance(Duration.ofSeconds(1));
                            return f.msgsvc
                                            .reservation("acme", sent.id())
                                            .reservation()
                                            .status()
                                    == ReservationStatus.PARTIALLY_FAILED;
                        });
        assertBilledAsPreviewed(f, sent.id(), preview, 0, 1);
    }

    @Test
    void aPreviewShowsTheTailItsSpeedPushesPastTheExpiryExpiringUnsentAndTheSendBillsOnlyWhatItPriced() {
        AtomicReference<ManualClock> clock = new AtomicReference<>();
        // each send takes a tenth of a second of the manual clock: the pace of ten a second the preview assumes
        RecordingChannel channel = new RecordingChannel(m -> {
            clock.get().advance(Duration.ofMillis(100));
            return SendOutcome.accepted(null);
        });
        EngineFixture f = engine(
                channel,
                b -> b.contentPolicy(ContentPolicy.sized(MessageSizer.koreanCarriers())
                                .overLength(OverLength.UPGRADE))
                        .pricing(PER_TYPE)
                        .sendWindow(1));
        clock.set(f.clock);
        Instant start = f.clock.instant();
        Instant expireAt = start.plusMillis(250); // after the sends due at +0, +0.1 and +0.2 s
        ReservationRequest request = EngineFixture.request("acme", "가".repeat(40) + "#{name}")
                .recipient("+1", Map.of("name", "Kim")) // an SMS
                .recipient("+2", Map.of("name", "Alexander-Long")) // an LMS
                .recipient("+3", Map.of("name", "Lee"))
                .recipient("+4", Map.of("name", "Park")) // due at +0.3 s: expires
                .recipient("+5", Map.of("name", "Alexander-Long"))
                .sendingSpeed(SendingSpeed.perSecond(10)) // a burst of one, then one each tenth of a second
                .expireAt(expireAt)
                .build();

        Preview preview = f.msgsvc.preview(request);

        assertThat(preview.recipients())
                .extracting(RecipientPreview::expiresUnsent, RecipientPreview::sendable, RecipientPreview::cost)
                .containsExactly(
                        tuple(false, true, SMS_PRICE),
                        tuple(false, true, LMS_PRICE),
                        tuple(false, true, SMS_PRICE),
                        tuple(true, false, BigDecimal.ZERO),
                        tuple(true, false, BigDecimal.ZERO));
        assertThat(preview.recipients().get(4).size().type()).as("still sized").isEqualTo(MessageType.LMS);
        assertThat(preview.sendable()).isEqualTo(3);
        assertThat(preview.units()).isEqualTo(3);
        assertThat(preview.cost()).isEqualByComparingTo(SMS_PRICE.add(LMS_PRICE).add(SMS_PRICE));
        assertThat(preview.violations())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("expire unsent"))
                .first()
                .asString()
                .startsWith("recipients[3]: ");
        assertThat(preview.expectedFinishAt())
                .as("the reservation ends at its expiry")
                .isEqualTo(expireAt);

        Reservation sent = f.msgsvc.reserve(request);
        awaitStatus(f, "acme", sent.id(), ReservationStatus.EXPIRED);
        assertThat(f.msgsvc.reservation("acme", sent.id()).deliveries())
                .extracting(Delivery::state)
                .containsExactly(
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.SENT,
                        DeliveryState.EXPIRED_UNSENT,
                        DeliveryState.EXPIRED_UNSENT);
        assertBilledAsPreviewed(f, sent.id(), preview, 0, 1, 2);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(preview.sendable());
    }

    /** Once the {@code sequences} are charged, each charge is its recipient's previewed type, units and cost. */
    private static void assertBilledAsPreviewed(EngineFixture f, ReservationId id, Preview preview, int... sequences) {
        await().atMost(WAIT).until(() -> f.msgsvc.charges("acme", id).size() == sequences.length);
        assertThat(f.msgsvc.charges("acme", id))
                .extracting( // a database keeps its own scale: the amounts compared as numbers
                        c -> c.deliveryId().sequence(),
                        Charge::type,
                        Charge::units,
                        c -> c.amount().stripTrailingZeros())
                .containsExactlyInAnyOrderElementsOf(IntStream.of(sequences)
                        .mapToObj(seq -> {
                            RecipientPreview previewed = preview.recipients().get(seq);
                            return tuple(
                                    seq,
                                    previewed.size().type(),
                                    previewed.size().units(),
                                    previewed.cost().stripTrailingZeros());
                        })
                        .toList());
    }
}
