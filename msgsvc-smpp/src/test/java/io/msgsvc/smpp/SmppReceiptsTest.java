package io.msgsvc.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReportOutcome;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Receipts as SMSCs send them: early, for ids no one knows, unreadable, and while the database is down. */
class SmppReceiptsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final short RECEIPTED_MESSAGE_ID = 0x001E;
    private final List<SmppFixture> fixtures = new ArrayList<>();

    @AfterEach
    void close() {
        fixtures.forEach(SmppFixture::close);
    }

    private SmppFixture fixture() {
        return fixture(c -> c);
    }

    private SmppFixture fixture(java.util.function.UnaryOperator<SmppChannelBuilder> channel) {
        SmppFixture f = new SmppFixture(channel, b -> b);
        fixtures.add(f);
        return f;
    }

    private static StatisticsCounters totals(SmppFixture f) {
        return f.msgsvc.statistics("acme", Instant.EPOCH, Instant.MAX).totals();
    }

    private static Reservation reserve(SmppFixture f, int recipients) {
        List<String> to = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            to.add("+8211" + String.format("%05d", i));
        }
        return f.msgsvc.reserve(ReservationRequest.builder()
                .customerId("acme")
                .text("Hi")
                .recipients(to)
                .build());
    }

    @Test
    void receiptsThatComeBeforeTheSubmitResultIsStoredAreParkedAndApplied() {
        SmppFixture f = fixture();
        Reservation r = reserve(f, 200);

        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
        assertThat(f.reportOutcomes)
                .as("the SMSC answered and sent the receipt before the engine stored the answer")
                .contains(ReportOutcome.PARKED);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.DELIVERED);
        await().atMost(WAIT).until(() -> totals(f).delivered() == 200);
        assertThat(f.msgsvc.billing("acme").charges()).isEqualTo(200);
    }

    @Test
    void receiptsComeOnTheReceiverBindWhenTransmittersSend() {
        SmppFixture f = fixture(c -> c.bind(SmppBind.TRANSMITTER_AND_RECEIVER).window(2, 8, Duration.ofSeconds(1)));
        await().atMost(WAIT).until(() -> f.smpp.boundSessions() == 3);
        Reservation r = reserve(f, 40);

        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
        assertThat(f.smsc.submits().stream().map(SmscSubmit::sessionId).distinct())
                .as("both transmitters sent")
                .hasSize(2);
        // COMPLETED comes once every submit is stored; a receipt is answered once its report is, which may be later
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(f.smsc.receiptAnswers())
                        .hasSize(40)
                        .allSatisfy(a -> assertThat(a.commandStatus()).isZero()));
        await().atMost(WAIT).until(() -> totals(f).delivered() == 40);
    }

    @Test
    void aReceiptForAnUnknownMessageIdIsTakenAndParkedAsTheReportPortDefines() {
        SmppFixture f = fixture();
        Reservation r = reserve(f, 1);
        await().atMost(WAIT).until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.COMPLETED);
        StatisticsCounters before = totals(f);

        int answer = f.smsc.sendDeliverSm(
                "id:FFFF9999 sub:001 dlvrd:001 submit date:2611290000 done date:2611290001 stat:DELIVRD err:000"
                        + " text:Hi",
                true,
                Map.of());

        assertThat(answer).as("acknowledged: the SMSC need not send it again").isEqualTo(SMPPConstant.STAT_ESME_ROK);
        assertThat(f.reportOutcomes)
                .as("kept in case its submit result is still on its way; dropped after the parking time")
                .endsWith(ReportOutcome.PARKED);
        assertThat(totals(f)).isEqualTo(before);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(0).state())
                .isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void anUnreadableReceiptIsRefusedForGoodAndCounted() {
        SmppFixture f = fixture();
        f.smsc.receipts(s -> List.of());
        Reservation r = reserve(f, 1);
        await().atMost(WAIT)
                .until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.AWAITING_RESULTS);
        String messageId = f.smsc.submits().get(0).messageId();

        int garbled = f.smsc.sendDeliverSm("id:" + messageId + " this is not a receipt", true, Map.of());
        int withIdOnly = f.smsc.sendDeliverSm("stat:??", true, Map.of(RECEIPTED_MESSAGE_ID, messageId));

        assertThat(garbled).isEqualTo(SMPPConstant.STAT_ESME_RX_P_APPN);
        assertThat(withIdOnly).as("an id without a readable state").isEqualTo(SMPPConstant.STAT_ESME_RX_P_APPN);
        assertThat(f.smpp.unreadableReceipts()).isEqualTo(2);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries())
                .extracting(Delivery::state)
                .containsOnly(DeliveryState.SUBMITTED);

        int readable = f.smsc.sendDeliverSm(
                "id:" + messageId + " sub:001 dlvrd:000 submit date:2611290000 done date:2611290001 stat:UNDELIV"
                        + " err:001 text:Hi",
                true,
                Map.of());
        assertThat(readable).isEqualTo(SMPPConstant.STAT_ESME_ROK);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(0).state())
                .isEqualTo(DeliveryState.UNDELIVERED);
    }

    @Test
    void aReceiptThatCannotBeStoredIsNotAcknowledgedSoTheSmscSendsItAgain() {
        SmppFixture f = fixture();
        f.smsc.receipts(s -> List.of());
        Reservation r = reserve(f, 1);
        await().atMost(WAIT)
                .until(() -> f.msgsvc.dashboard("acme", r.id()).status() == ReservationStatus.AWAITING_RESULTS);
        String receipt = "id:" + f.smsc.submits().get(0).messageId()
                + " sub:001 dlvrd:001 submit date:2611290000 done date:2611290001 stat:DELIVRD err:000 text:Hi";

        f.storageDown = true;
        int whileDown = f.smsc.sendDeliverSm(receipt, true, Map.of());
        f.storageDown = false;
        f.storageErrs = true;
        int onError = f.smsc.sendDeliverSm(receipt, true, Map.of());
        f.storageErrs = false;
        int again = f.smsc.sendDeliverSm(receipt, true, Map.of());

        assertThat(whileDown).isEqualTo(SMPPConstant.STAT_ESME_RX_T_APPN);
        assertThat(onError).as("an Error is no acknowledgement either").isEqualTo(SMPPConstant.STAT_ESME_RX_T_APPN);
        assertThat(again).isEqualTo(SMPPConstant.STAT_ESME_ROK);
        assertThat(f.msgsvc.reservation("acme", r.id()).deliveries().get(0).state())
                .isEqualTo(DeliveryState.DELIVERED);
        await().atMost(WAIT).until(() -> totals(f).delivered() == 1);
    }
}
