package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Texts as the SMSC receives them: data coding from the text, long ones in parts or as one payload. */
class SmppTextsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<SmppFixture> fixtures = new ArrayList<>();

    @AfterEach
    void close() {
        fixtures.forEach(SmppFixture::close);
    }

    private Delivery sendOne(SmppFixture f, String text) {
        Reservation r = f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text(text)
                .recipients(List.of("+821012345678"))
                .build());
        await().atMost(WAIT)
                .until(() -> f.msgsvc
                        .reservation("acme", r.id())
                        .deliveries()
                        .get(0)
                        .state()
                        .isTerminal());
        return f.msgsvc.reservation("acme", r.id()).deliveries().get(0);
    }

    private SmppFixture fixture(UnaryOperator<SmppChannelBuilder> channel) {
        SmppFixture f = new SmppFixture(channel, b -> b);
        fixtures.add(f);
        return f;
    }

    @Test
    void aLongGsm7TextGoesInConcatenatedPartsAndTheLastOnesReceiptDecides() {
        SmppFixture f = fixture(c -> c);
        String text = "Spring sale: ".repeat(20); // 260 characters: two parts

        Delivery delivery = sendOne(f, text);

        // in the order they were written (the simulator notes them as its threads take them)
        List<SmscSubmit> parts = f.smsc.submits().stream()
                .sorted(java.util.Comparator.comparingInt(SmscSubmit::sequenceNumber))
                .toList();
        assertThat(parts).hasSize(2).allSatisfy(p -> {
            assertThat(p.esmClass() & 0x40).as("user data header").isEqualTo(0x40);
            assertThat(p.dataCoding()).isEqualTo(SmsText.GSM7);
            assertThat(p.destinationAddr()).isEqualTo("821012345678");
        });
        assertThat(parts).extracting(SmscSubmit::receiptRequested).containsExactly(false, true);
        assertThat(parts.get(0).shortMessage()).startsWith(5, 0, 3);
        assertThat(parts.get(0).shortMessage()[4]).as("parts").isEqualTo((byte) 2);
        assertThat(parts.get(1).shortMessage()[5]).as("second part").isEqualTo((byte) 2);
        String joined = Gsm7.decode(java.util.Arrays.copyOfRange(parts.get(0).shortMessage(), 6, 159))
                + Gsm7.decode(java.util.Arrays.copyOfRange(
                        parts.get(1).shortMessage(), 6, parts.get(1).shortMessage().length));
        assertThat(joined).isEqualTo(text);
        assertThat(delivery.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(delivery.providerReference()).isEqualTo(parts.get(1).messageId());
    }

    @Test
    void aLongTextCanGoAsOnePayload() {
        SmppFixture f = fixture(c -> c.encoding(SmsEncoding.GSM7_OR_UCS2, LongMessages.MESSAGE_PAYLOAD));
        String text = "안녕하세요 ".repeat(20);

        Delivery delivery = sendOne(f, text);

        assertThat(f.smsc.submits()).singleElement().satisfies(s -> {
            assertThat(s.dataCoding()).isEqualTo(SmsText.UCS2);
            assertThat(s.shortMessage()).isEmpty();
            assertThat(new String(s.messagePayload(), StandardCharsets.UTF_16BE))
                    .isEqualTo(text);
        });
        assertThat(delivery.state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void eucKrCarriesHangulAndRefusesWhatItCannotCarry() {
        SmppFixture f = fixture(c -> c.encoding(SmsEncoding.EUC_KR, LongMessages.CONCATENATED));

        Delivery hangul = sendOne(f, "할인 쿠폰");
        Delivery emoji = sendOne(f, "할인 😀");

        assertThat(f.smsc.submits()).singleElement().satisfies(s -> {
            assertThat(s.dataCoding()).isEqualTo(SmsText.KS_C_5601);
            assertThat(new String(s.shortMessage(), Charset.forName("EUC-KR"))).isEqualTo("할인 쿠폰");
        });
        assertThat(hangul.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(emoji.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(emoji.detail()).contains("EUC-KR cannot carry the character '😀'");
    }
}
