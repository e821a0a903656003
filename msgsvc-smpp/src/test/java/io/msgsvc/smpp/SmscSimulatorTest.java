package io.msgsvc.smpp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmscSimulatorTest {
    private static final String SYSTEM_ID = "esme";
    private static final String PASSWORD = "secret";
    private static final String SENDER = "15550001";
    private static final byte RECEIPT = 0x01;
    private static final byte NO_RECEIPT = 0x00;

    private final SmscSimulator smsc = SmscSimulator.start(SYSTEM_ID, PASSWORD);
    private final List<SMPPSession> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(SMPPSession::unbindAndClose);
        smsc.close();
    }

    @Test
    void anAcceptedSubmitIsReceiptedWithTheIdItWasAnsweredWith() throws Exception {
        Inbox inbox = new Inbox();
        SMPPSession client = bind(BindType.BIND_TRX, inbox);

        String id = submit(client, "15559999", RECEIPT, "Sale 10% today only, come in");

        await().until(() -> smsc.receiptAnswers().size() == 1);
        assertThat(smsc.receiptAnswers()).containsExactly(new SmscReceiptAnswer(id, "DELIVRD", 0));
        DeliverSm receipt = inbox.received.get(0);
        assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
        assertThat(receipt.getSourceAddr()).isEqualTo("15559999");
        assertThat(receipt.getDestAddress()).isEqualTo(SENDER);
        assertThat(text(receipt))
                .matches("id:" + id + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000"
                        + " text:Sale 10% today only,");
        assertThat(receiptedMessageId(receipt)).isEqualTo(id);
        assertThat(messageState(receipt)).isEqualTo((byte) 2);
        assertThat(smsc.submits()).singleElement().satisfies(submit -> {
            assertThat(submit.messageId()).isEqualTo(id);
            assertThat(submit.commandStatus()).isZero();
            assertThat(submit.destinationAddr()).isEqualTo("15559999");
            assertThat(new String(submit.shortMessage(), ISO_8859_1)).isEqualTo("Sale 10% today only, come in");
        });
    }

    @Test
    void receiptsComeOnlyWhenAskedAndAfterTheReceiptDelay() throws Exception {
        smsc.receiptDelay(Duration.ofMillis(300));
        smsc.receiptTlvs(false);
        Inbox inbox = new Inbox();
        SMPPSession client = bind(BindType.BIND_TRX, inbox);

        submit(client, "15559999", NO_RECEIPT, "no receipt");
        long beforeSubmit = System.nanoTime();
        String id = submit(client, "15559999", RECEIPT, "receipt");

        await().until(() -> smsc.receiptAnswers().size() == 1);
        assertThat(inbox.receivedAt.get(0) - beforeSubmit)
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        DeliverSm receipt = inbox.received.get(0);
        assertThat(text(receipt)).startsWith("id:" + id + " ");
        assertThat(receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID))
                .isNull();
        assertThat(inbox.received).hasSize(1);
    }

    @Test
    void submitsAboveTheRateAreThrottled() throws Exception {
        smsc.maxSubmitsPerSecond(5);
        SMPPSession client = bind(BindType.BIND_TX, null);

        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (status(() -> submit(client, "15559999", NO_RECEIPT, "hello")) == 0) {
                accepted++;
            }
        }

        // 20 quick submits fall into one second or straddle two
        assertThat(accepted).isBetween(5, 10);
        assertThat(smsc.submits())
                .filteredOn(submit -> submit.commandStatus() == SMPPConstant.STAT_ESME_RTHROTTLED)
                .hasSize(20 - accepted)
                .allSatisfy(submit -> assertThat(submit.messageId()).isNull());

        smsc.maxSubmitsPerSecond(0);
        smsc.throttleAll(true);
        assertThat(status(() -> submit(client, "15559999", NO_RECEIPT, "hello")))
                .isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED);
        smsc.throttleAll(false);
        assertThat(status(() -> submit(client, "15559999", NO_RECEIPT, "hello")))
                .isZero();
    }

    @Test
    void aRejectionStatusReachesTheClientAfterTheAnswerDelayAndGetsNoReceipt() throws Exception {
        smsc.answerDelay(Duration.ofMillis(50));
        smsc.answerWith(submit -> submit.destinationAddr().equals("000")
                ? SMPPConstant.STAT_ESME_RINVDSTADR
                : SMPPConstant.STAT_ESME_ROK);
        Inbox inbox = new Inbox();
        SMPPSession client = bind(BindType.BIND_TRX, inbox);

        long beforeSubmit = System.nanoTime();
        int rejection = status(() -> submit(client, "000", RECEIPT, "hello"));
        long answeredAfter = System.nanoTime() - beforeSubmit;
        String id = submit(client, "15559999", RECEIPT, "hello");

        assertThat(rejection).isEqualTo(SMPPConstant.STAT_ESME_RINVDSTADR);
        assertThat(answeredAfter).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        await().until(() -> smsc.receiptAnswers().size() == 1);
        assertThat(receiptedMessageId(inbox.received.get(0))).isEqualTo(id);
        assertThat(smsc.submits())
                .extracting(SmscSubmit::messageId, SmscSubmit::commandStatus)
                .containsExactly(tuple(null, SMPPConstant.STAT_ESME_RINVDSTADR), tuple(id, 0));
    }

    @Test
    void droppedConnectionsCloseTheClientAndItCanBindAgain() throws Exception {
        SMPPSession client = bind(BindType.BIND_TRX, new Inbox());
        assertThat(smsc.boundSessions()).isEqualTo(1);

        smsc.dropConnections();

        await().until(() -> client.getSessionState() == SessionState.CLOSED);
        await().until(() -> smsc.boundSessions() == 0);
        SMPPSession again = bind(BindType.BIND_TRX, new Inbox());
        assertThat(submit(again, "15559999", NO_RECEIPT, "hello")).isNotBlank();
        assertThat(smsc.binds()).isEqualTo(2);
        assertThat(smsc.boundSessions()).isEqualTo(1);
    }

    @Test
    void bindsAreRefusedWhileAskedAndWithWrongCredentials() throws Exception {
        smsc.refuseBinds(true);
        assertThat(refusedBindStatus(SYSTEM_ID, PASSWORD)).isEqualTo(SMPPConstant.STAT_ESME_RBINDFAIL);

        smsc.refuseBinds(false);
        assertThat(refusedBindStatus(SYSTEM_ID, "wrong")).isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD);
        assertThat(refusedBindStatus("stranger", PASSWORD)).isEqualTo(SMPPConstant.STAT_ESME_RINVSYSID);
        assertThat(smsc.binds()).isZero();

        bind(BindType.BIND_RX, new Inbox());
        assertThat(smsc.binds()).isEqualTo(1);
    }

    @Test
    void severalStatsSendSeveralReceiptsInOrderIncludingADuplicate() throws Exception {
        smsc.receipts(submit -> List.of("ENROUTE", "DELIVRD", "DELIVRD"));
        Inbox inbox = new Inbox();
        SMPPSession client = bind(BindType.BIND_TRX, inbox);

        String id = submit(client, "15559999", RECEIPT, "hello");

        await().until(() -> smsc.receiptAnswers().size() == 3);
        assertThat(smsc.receiptAnswers())
                .containsExactly(
                        new SmscReceiptAnswer(id, "ENROUTE", 0),
                        new SmscReceiptAnswer(id, "DELIVRD", 0),
                        new SmscReceiptAnswer(id, "DELIVRD", 0));
        assertThat(inbox.received)
                .extracting(SmscSimulatorTest::messageState)
                .containsExactly((byte) 1, (byte) 2, (byte) 2);
        assertThat(inbox.received)
                .extracting(SmscSimulatorTest::receiptedMessageId)
                .containsOnly(id);
    }

    @Test
    void receiptsGoToAReceiverWhenTheSubmitCameOnATransmitter() throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, null);
        Inbox inbox = new Inbox();
        bind(BindType.BIND_RX, inbox);

        String id = submit(transmitter, "15559999", RECEIPT, "hello");

        await().until(() -> smsc.receiptAnswers().size() == 1);
        assertThat(receiptedMessageId(inbox.received.get(0))).isEqualTo(id);
    }

    @Test
    void anArbitraryDeliverSmReachesTheClientAndItsAnswerIsRecorded() throws Exception {
        Inbox inbox = new Inbox();
        inbox.answer = deliverSm -> text(deliverSm).startsWith("id:") ? 0 : SMPPConstant.STAT_ESME_RX_R_APPN;
        bind(BindType.BIND_TRX, inbox);

        int malformed = smsc.sendDeliverSm("this is no receipt", true, Map.of());
        int unknownId = smsc.sendDeliverSm(
                "id:FFFF sub:001 dlvrd:001 submit date:2401010000 done date:2401010000 stat:DELIVRD err:000 text:",
                true,
                Map.of(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), "FFFF"));

        assertThat(malformed).isEqualTo(SMPPConstant.STAT_ESME_RX_R_APPN);
        assertThat(unknownId).isZero();
        assertThat(smsc.receiptAnswers())
                .containsExactly(
                        new SmscReceiptAnswer(null, null, SMPPConstant.STAT_ESME_RX_R_APPN),
                        new SmscReceiptAnswer("FFFF", "DELIVRD", 0));
        assertThat(text(inbox.received.get(0))).isEqualTo("this is no receipt");
        assertThat(inbox.received.get(0).isSmscDeliveryReceipt()).isTrue();
        assertThat(receiptedMessageId(inbox.received.get(1))).isEqualTo("FFFF");
    }

    @Test
    void sixtyFourSubmitsInFlightWithATwentyMillisecondDelayAreAnsweredAtLeastTwoThousandTimesASecond()
            throws Exception {
        smsc.answerDelay(Duration.ofMillis(20));
        SMPPSession client = bind(BindType.BIND_TRX, new Inbox());

        submitConcurrently(client, 64, 10); // warms up both sides
        int submits = 64 * 60;
        double perSecond = submits / (submitConcurrently(client, 64, 60) / 1e9);

        System.out.printf(
                "SmscSimulator: %d answers at %.0f/s with 64 in flight and a 20 ms delay%n", submits, perSecond);
        assertThat(perSecond).isGreaterThanOrEqualTo(2_000);
    }

    /** Submits from this many threads at once, each this many times in a row; returns the nanoseconds it took. */
    private static long submitConcurrently(SMPPSession client, int threads, int submitsPerThread)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch accepted = new CountDownLatch(threads * submitsPerThread);
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        for (int i = 0; i < submitsPerThread; i++) {
                            submit(client, "15559999", NO_RECEIPT, "hello");
                            accepted.countDown();
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            go.countDown();
            assertThat(accepted.await(30, TimeUnit.SECONDS))
                    .as("every submit accepted")
                    .isTrue();
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    private SMPPSession bind(BindType type, MessageReceiverListener listener) throws IOException {
        return bind(type, SYSTEM_ID, PASSWORD, listener);
    }

    private SMPPSession bind(BindType type, String systemId, String password, MessageReceiverListener listener)
            throws IOException {
        SMPPSession client = new SMPPSession(SmscSimulatorTest::connectWithoutDelay);
        clients.add(client);
        client.setMessageReceiverListener(listener);
        client.connectAndBind(
                "127.0.0.1",
                smsc.port(),
                new BindParameter(
                        type, systemId, password, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                5_000);
        return client;
    }

    /** As a channel should: Nagle's algorithm would hold a submit back until the previous one is acknowledged. */
    private static Connection connectWithoutDelay(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        return new SocketConnection(socket);
    }

    private int refusedBindStatus(String systemId, String password) {
        IOException refusal =
                catchThrowableOfType(IOException.class, () -> bind(BindType.BIND_TRX, systemId, password, null));
        assertThat(refusal).hasCauseInstanceOf(NegativeResponseException.class);
        return ((NegativeResponseException) refusal.getCause()).getCommandStatus();
    }

    private static String submit(SMPPSession client, String destination, byte registeredDelivery, String text)
            throws Exception {
        return client.submitShortMessage(
                        "",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        SENDER,
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        destination,
                        new ESMClass(),
                        (byte) 0,
                        (byte) 0,
                        null,
                        null,
                        new RegisteredDelivery(registeredDelivery),
                        (byte) 0,
                        DataCodings.ZERO,
                        (byte) 0,
                        text.getBytes(ISO_8859_1))
                .getMessageId();
    }

    /** The command_status the submit was answered with. */
    private static int status(SubmitCall call) throws Exception {
        try {
            call.submit();
            return SMPPConstant.STAT_ESME_ROK;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        }
    }

    private static String text(DeliverSm deliverSm) {
        return new String(deliverSm.getShortMessage(), ISO_8859_1);
    }

    private static String receiptedMessageId(DeliverSm deliverSm) {
        return ((OptionalParameter.COctetString)
                        deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID))
                .getValueAsString();
    }

    private static byte messageState(DeliverSm deliverSm) {
        return ((OptionalParameter.Byte) deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue();
    }

    @FunctionalInterface
    private interface SubmitCall {
        String submit() throws Exception;
    }

    /** The client's side of deliver_sm: keeps each one and answers it with the status the test chose. */
    private static final class Inbox implements MessageReceiverListener {
        final List<DeliverSm> received = new CopyOnWriteArrayList<>();
        final List<Long> receivedAt = new CopyOnWriteArrayList<>();
        volatile Function<DeliverSm, Integer> answer = deliverSm -> SMPPConstant.STAT_ESME_ROK;

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            receivedAt.add(System.nanoTime());
            received.add(deliverSm);
            int status = answer.apply(deliverSm);
            if (status != SMPPConstant.STAT_ESME_ROK) {
                throw new ProcessRequestException("Refused by the test", status);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("No data_sm expected", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
