package io.msgsvc.smpp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16BE;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.util.PDUComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC for tests, on jSMPP's server sessions: binds ESMEs on 127.0.0.1, answers submit_sm after a delay, throttles
 * or rejects on demand and sends delivery receipts as deliver_sm. Every submit and every receipt answer is recorded.
 *
 * <p>The submit_sm_resp is composed when jSMPP asks for it but written later from a scheduler, so a long answer delay
 * holds no thread and any number of submits may be in flight.
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);

    private static final String SMSC_SYSTEM_ID = "msgsvc-smsc";
    // answering holds no thread, so a few processors per session suffice; the queue absorbs a burst of submits
    private static final int PDU_PROCESSORS_PER_SESSION = 16;
    private static final int PDU_QUEUE_CAPACITY = 1024;
    private static final int BIND_TIMEOUT_MILLIS = 5_000;
    private static final Duration REFUSED_BIND_GRACE = Duration.ofSeconds(1);
    // writes the delayed answers and starts delayed receipts
    private static final int TIMER_THREADS = 2;
    // deliver_sm blocks until the client answers: these threads are the window of receipts in flight, as an SMSC
    // keeps one per bind (commonly 10 to 100)
    private static final int RECEIPT_SENDERS = 32;
    private static final int RECEIPT_ATTEMPTS = 10;
    private static final Duration RECEIPT_RETRY_PAUSE = Duration.ofMillis(500);
    private static final int NO_ANSWER = -1;
    private static final int NOT_SENT = Integer.MIN_VALUE;
    private static final byte RECEIPT_ESM_CLASS = 0x04;
    private static final byte UDHI = 0x40;
    private static final byte UCS2 = 0x08;
    private static final String RAW_SOURCE_ADDR = "1000";
    private static final String RAW_DESTINATION_ADDR = "2000";
    private static final Pattern RECEIPT_ID = Pattern.compile("(?:^|\\s)id:(\\S+)");
    private static final Pattern RECEIPT_STAT = Pattern.compile("(?:^|\\s)stat:(\\S+)");

    private final String systemId;
    private final String password;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final ExecutorService binder = Executors.newCachedThreadPool(daemonThreads("smsc-bind"));
    private final ScheduledExecutorService timer =
            Executors.newScheduledThreadPool(TIMER_THREADS, daemonThreads("smsc-timer"));
    private final ExecutorService receiptSender =
            Executors.newFixedThreadPool(RECEIPT_SENDERS, daemonThreads("smsc-receipt"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicLong nextMessageId = new AtomicLong(0xA0000);
    private final Queue<SmscSubmit> submits = new ConcurrentLinkedQueue<>();
    private final Queue<SmscReceiptAnswer> receiptAnswers = new ConcurrentLinkedQueue<>();

    private final Object rateLock = new Object();
    private long rateSecond; // guarded by rateLock
    private int submitsInRateSecond; // guarded by rateLock

    private volatile Duration answerDelay = Duration.ZERO;
    private volatile int maxSubmitsPerSecond;
    private volatile boolean throttleAll;
    private volatile Function<SmscSubmit, Integer> answerWith = submit -> SMPPConstant.STAT_ESME_ROK;
    private volatile Function<SmscSubmit, List<String>> receipts = submit -> List.of("DELIVRD");
    private volatile Duration receiptDelay = Duration.ZERO;
    private volatile boolean receiptTlvs = true;
    private volatile boolean refuseBinds;

    private SmscSimulator(String systemId, String password) throws IOException {
        this.systemId = Objects.requireNonNull(systemId);
        this.password = Objects.requireNonNull(password);
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = daemonThreads("smsc-accept").newThread(this::acceptConnections);
        acceptor.start();
    }

    /** Listens on 127.0.0.1 at a free port for ESMEs binding with this system id and password. */
    public static SmscSimulator start(String systemId, String password) {
        try {
            return new SmscSimulator(systemId, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for SMPP connections", e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Each submit_sm is answered this long after it came. */
    public void answerDelay(Duration delay) {
        this.answerDelay = Objects.requireNonNull(delay);
    }

    /** Above this many submits in the current wall-clock second, submits are answered ESME_RTHROTTLED; 0: no limit. */
    public void maxSubmitsPerSecond(int limit) {
        this.maxSubmitsPerSecond = limit;
    }

    /** While on, every submit_sm is answered ESME_RTHROTTLED. */
    public void throttleAll(boolean on) {
        this.throttleAll = on;
    }

    /** The command_status for each submit that is not throttled: 0 accepts it. */
    public void answerWith(Function<SmscSubmit, Integer> commandStatus) {
        this.answerWith = Objects.requireNonNull(commandStatus);
    }

    /**
     * The receipt {@code stat:} words to send, in order, for each accepted submit that asks for a receipt: empty sends
     * none, two send two. Words: DELIVRD UNDELIV EXPIRED REJECTD DELETED UNKNOWN ACCEPTD ENROUTE.
     */
    public void receipts(Function<SmscSubmit, List<String>> stats) {
        this.receipts = Objects.requireNonNull(stats);
    }

    /** Receipts go this long after the submit_sm_resp was written. */
    public void receiptDelay(Duration delay) {
        this.receiptDelay = Objects.requireNonNull(delay);
    }

    /** Whether receipts also carry the TLVs receipted_message_id and message_state. */
    public void receiptTlvs(boolean on) {
        this.receiptTlvs = on;
    }

    /** Closes every connection at once, bound or not; the clients see their connections drop. */
    public void dropConnections() {
        sessions.forEach(SMPPServerSession::close);
    }

    /** While on, bind requests are answered ESME_RBINDFAIL. */
    public void refuseBinds(boolean on) {
        this.refuseBinds = on;
    }

    /**
     * Sends a deliver_sm with this text to one bound session that can receive, and waits for its answer.
     *
     * @param receiptFlag whether esm_class marks it as an SMSC delivery receipt
     * @param cStringTlvs TLVs by tag, each sent as a C-octet string
     * @return the client's command_status, -1 if it did not answer
     * @throws IllegalStateException if no bound session can receive
     */
    public int sendDeliverSm(String rawShortMessage, boolean receiptFlag, Map<Short, String> cStringTlvs) {
        SMPPServerSession session = receivingSession(null)
                .orElseThrow(() -> new IllegalStateException("No bound session can receive a deliver_sm"));
        OptionalParameter[] tlvs = cStringTlvs.entrySet().stream()
                .map(tlv -> new OptionalParameter.COctetString(tlv.getKey(), tlv.getValue()))
                .toArray(OptionalParameter[]::new);
        int status = deliver(
                session,
                RAW_SOURCE_ADDR,
                RAW_DESTINATION_ADDR,
                receiptFlag ? RECEIPT_ESM_CLASS : 0,
                rawShortMessage.getBytes(ISO_8859_1),
                tlvs);
        if (status == NOT_SENT) {
            status = NO_ANSWER;
        }
        String messageId = cStringTlvs.getOrDefault(
                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), field(RECEIPT_ID, rawShortMessage));
        receiptAnswers.add(new SmscReceiptAnswer(messageId, field(RECEIPT_STAT, rawShortMessage), status));
        return status;
    }

    /** Every submit_sm received, in arrival order, including the throttled and rejected ones. */
    public List<SmscSubmit> submits() {
        return List.copyOf(submits);
    }

    /** Every deliver_sm sent, with the client's answer, in the order the answers came. */
    public List<SmscReceiptAnswer> receiptAnswers() {
        return List.copyOf(receiptAnswers);
    }

    /** Successful binds so far. */
    public int binds() {
        return binds.get();
    }

    public int boundSessions() {
        return (int) sessions.stream()
                .filter(session -> session.getSessionState().isBound())
                .count();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("Closing the server socket: {}", e.getMessage());
        }
        dropConnections();
        binder.shutdownNow();
        timer.shutdownNow();
        receiptSender.shutdownNow();
        try {
            acceptor.join(1_000);
            receiptSender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptConnections() {
        while (!closed.get()) {
            try {
                Socket socket = serverSocket.accept();
                execute(binder, () -> awaitBind(socket));
            } catch (IOException e) {
                if (!closed.get()) {
                    log.warn("Accepting an SMPP connection failed", e);
                }
            }
        }
    }

    private void awaitBind(Socket socket) {
        SMPPServerSession session;
        try {
            socket.setTcpNoDelay(true);
            SmscConnection connection = new SmscConnection();
            session = new SMPPServerSession(
                    new SocketConnection(socket),
                    this::onStateChange,
                    connection,
                    null,
                    PDU_PROCESSORS_PER_SESSION,
                    PDU_QUEUE_CAPACITY,
                    connection.answers,
                    connection.reader);
        } catch (IOException e) {
            log.debug("Opening an SMPP session failed: {}", e.getMessage());
            closeQuietly(socket);
            return;
        }
        sessions.add(session);
        if (closed.get()) {
            session.close();
            return;
        }
        try {
            BindRequest request = session.waitForBind(BIND_TIMEOUT_MILLIS);
            int refusal = refusal(request);
            if (refusal == SMPPConstant.STAT_ESME_ROK) {
                request.accept(SMSC_SYSTEM_ID);
            } else {
                log.debug("Refusing a bind of {} with status {}", request.getSystemId(), refusal);
                request.reject(refusal);
                // a jSMPP client reading EOF before it handled the bind_resp would miss the refusal and time out
                schedule(() -> execute(binder, session::close), REFUSED_BIND_GRACE.toNanos());
            }
        } catch (TimeoutException e) {
            log.debug("No bind request came within {} ms", BIND_TIMEOUT_MILLIS); // jSMPP closed the session
        } catch (PDUStringException | IOException | IllegalStateException e) {
            log.debug("Binding failed: {}", e.getMessage());
            session.close();
        }
    }

    private int refusal(BindRequest request) {
        if (refuseBinds) {
            return SMPPConstant.STAT_ESME_RBINDFAIL;
        }
        if (!systemId.equals(request.getSystemId())) {
            return SMPPConstant.STAT_ESME_RINVSYSID;
        }
        if (!password.equals(request.getPassword())) {
            return SMPPConstant.STAT_ESME_RINVPASWD;
        }
        return SMPPConstant.STAT_ESME_ROK;
    }

    /** jSMPP turns the session bound before it writes the bind_resp, so a client that bound is counted already. */
    private void onStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState.isBound() && !oldState.isBound()) {
            binds.incrementAndGet();
        } else if (newState == SessionState.CLOSED) {
            sessions.remove(source);
        }
    }

    private SmscSubmit answer(SubmitSm submitSm, SMPPServerSession source) {
        Instant receivedAt = Instant.now();
        SmscSubmit submit = new SmscSubmit(
                null,
                SMPPConstant.STAT_ESME_ROK,
                source.getSessionId(),
                submitSm.getSequenceNumber(),
                submitSm.getSourceAddr(),
                submitSm.getDestAddress(),
                submitSm.getDataCoding(),
                submitSm.getEsmClass(),
                submitSm.getRegisteredDelivery(),
                submitSm.getShortMessage(),
                submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)
                                instanceof OptionalParameter.OctetString payload
                        ? payload.getValue()
                        : null,
                receivedAt);
        int status = commandStatus(submit);
        String messageId = status == SMPPConstant.STAT_ESME_ROK
                ? Long.toHexString(nextMessageId.getAndIncrement()).toUpperCase(Locale.ROOT)
                : null;
        SmscSubmit answered = submit.answered(messageId, status);
        submits.add(answered);
        return answered;
    }

    private int commandStatus(SmscSubmit submit) {
        if (throttleAll || aboveRate(submit.receivedAt())) {
            return SMPPConstant.STAT_ESME_RTHROTTLED;
        }
        Integer status = answerWith.apply(submit);
        return status == null ? SMPPConstant.STAT_ESME_ROK : status;
    }

    private boolean aboveRate(Instant receivedAt) {
        int limit = maxSubmitsPerSecond;
        if (limit <= 0) {
            return false;
        }
        synchronized (rateLock) {
            if (receivedAt.getEpochSecond() != rateSecond) {
                rateSecond = receivedAt.getEpochSecond();
                submitsInRateSecond = 0;
            }
            return ++submitsInRateSecond > limit;
        }
    }

    /** Called once the submit_sm_resp is on the wire. */
    private void answered(SmscSubmit submit, SMPPServerSession origin) {
        if (!submit.accepted() || !submit.receiptRequested()) {
            return;
        }
        List<DeliveryReceiptState> states;
        try {
            states = receipts.apply(submit).stream()
                    .map(DeliveryReceiptState::valueOf)
                    .toList();
        } catch (RuntimeException e) { // thrown here it would be lost in jSMPP's or the scheduler's thread
            log.warn("No receipts for {}: the receipts function failed", submit.messageId(), e);
            return;
        }
        if (states.isEmpty()) {
            return;
        }
        ReceiptDelivery delivery = new ReceiptDelivery(submit, origin, states);
        long delayNanos = receiptDelay.toNanos();
        if (delayNanos <= 0) {
            execute(receiptSender, delivery);
        } else {
            schedule(() -> execute(receiptSender, delivery), delayNanos);
        }
    }

    /** Sends one receipt and returns the client's command_status, or NOT_SENT if the connection was unusable. */
    private int deliverReceipt(SMPPServerSession session, SmscSubmit submit, DeliveryReceiptState state) {
        String text = new DeliveryReceipt(
                        submit.messageId(),
                        1,
                        1,
                        Date.from(submit.receivedAt()),
                        new Date(),
                        state,
                        "000",
                        firstTwentyCharacters(submit))
                .toString();
        OptionalParameter[] tlvs = receiptTlvs
                ? new OptionalParameter[] {
                    new OptionalParameter.Receipted_message_id(submit.messageId()),
                    new OptionalParameter.Message_state(messageState(state))
                }
                : new OptionalParameter[0];
        return deliver(
                session,
                submit.destinationAddr(),
                submit.sourceAddr(),
                RECEIPT_ESM_CLASS,
                text.getBytes(ISO_8859_1),
                tlvs);
    }

    private int deliver(
            SMPPServerSession session,
            String sourceAddr,
            String destinationAddr,
            byte esmClass,
            byte[] shortMessage,
            OptionalParameter... tlvs) {
        try {
            session.deliverShortMessage(
                    "",
                    TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN,
                    Objects.requireNonNullElse(sourceAddr, ""),
                    TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN,
                    Objects.requireNonNullElse(destinationAddr, ""),
                    new ESMClass(esmClass),
                    (byte) 0,
                    (byte) 0,
                    new RegisteredDelivery(0),
                    DataCodings.ZERO,
                    shortMessage,
                    tlvs);
            return SMPPConstant.STAT_ESME_ROK;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        } catch (ResponseTimeoutException | InvalidResponseException e) {
            log.debug("No answer to a deliver_sm: {}", e.getMessage());
            return NO_ANSWER;
        } catch (PDUException e) {
            log.warn("Cannot compose a deliver_sm", e);
            return NO_ANSWER;
        } catch (IOException e) {
            log.debug("Cannot send a deliver_sm: {}", e.getMessage());
            return NOT_SENT;
        }
    }

    /** The origin if it can still receive, else any bound session that can. */
    private Optional<SMPPServerSession> receivingSession(SMPPServerSession origin) {
        if (origin != null && origin.getSessionState().isReceivable()) {
            return Optional.of(origin);
        }
        return sessions.stream()
                .filter(session -> session.getSessionState().isReceivable())
                .findFirst();
    }

    private static String firstTwentyCharacters(SmscSubmit submit) {
        byte[] message = submit.shortMessage() != null && submit.shortMessage().length > 0
                ? submit.shortMessage()
                : Objects.requireNonNullElse(submit.messagePayload(), new byte[0]);
        int textStart = (submit.esmClass() & UDHI) != 0 && message.length > 0 ? (message[0] & 0xFF) + 1 : 0;
        byte[] text = Arrays.copyOfRange(message, Math.min(textStart, message.length), message.length);
        String decoded = new String(text, submit.dataCoding() == UCS2 ? UTF_16BE : ISO_8859_1);
        return decoded.length() > 20 ? decoded.substring(0, 20) : decoded;
    }

    /** SMPP 3.4 5.2.28 message_state values. */
    private static byte messageState(DeliveryReceiptState state) {
        return switch (state) {
            case ENROUTE -> 1;
            case DELIVRD -> 2;
            case EXPIRED -> 3;
            case DELETED -> 4;
            case UNDELIV -> 5;
            case ACCEPTD -> 6;
            case UNKNOWN -> 7;
            case REJECTD -> 8;
        };
    }

    private static String field(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private void execute(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Dropped a task while closing");
        }
    }

    private void schedule(Runnable task, long delayNanos) {
        try {
            timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Dropped a task while closing");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a socket: {}", e.getMessage());
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One accepted connection: takes its submits and holds their answers back for the answer delay. */
    private final class SmscConnection implements ServerMessageReceiverListener {
        private final SmscAnswerSender answers = new SmscAnswerSender();
        private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
        // the answer delay counts from the moment the submit_sm was read, not from when a processor thread took it
        private final PDUReader reader = new DefaultPDUReader() {
            @Override
            public Command readPDUHeader(DataInputStream in) throws InvalidCommandLengthException, IOException {
                Command header = super.readPDUHeader(in);
                if (header.getCommandId() == SMPPConstant.CID_SUBMIT_SM) {
                    arrivals.put(header.getSequenceNumber(), System.nanoTime());
                }
                return header;
            }
        };

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            Long arrivedNanos = arrivals.remove(submitSm.getSequenceNumber());
            long dueNanos = (arrivedNanos != null ? arrivedNanos : System.nanoTime()) + answerDelay.toNanos();
            SmscSubmit submit = answer(submitSm, source);
            answers.expect(submitSm.getSequenceNumber(), new PendingAnswer(submit, source, dueNanos));
            if (!submit.accepted()) {
                throw new ProcessRequestException("Refused by the simulator", submit.commandStatus());
            }
            try {
                return new SubmitSmResult(new MessageId(submit.messageId()), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new IllegalStateException("A hexadecimal counter is a valid message id", e);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported("submit_multi");
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("query_sm");
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("replace_sm");
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("cancel_sm");
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported("broadcast_sm");
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported("cancel_broadcast_sm");
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
                QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("query_broadcast_sm");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported("data_sm");
        }

        private static ProcessRequestException unsupported(String command) {
            return new ProcessRequestException(
                    "The simulator does not take " + command, SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    private record PendingAnswer(SmscSubmit submit, SMPPServerSession session, long dueNanos) {}

    /**
     * jSMPP writes the submit_sm_resp (or its negative header) as soon as onAcceptSubmitSm returns; this sender composes
     * it then but writes it when the answer delay is up.
     */
    private final class SmscAnswerSender extends SynchronizedPDUSender {
        private final PDUComposer composer = new DefaultComposer();
        private final Map<Integer, PendingAnswer> pending = new ConcurrentHashMap<>();

        void expect(int sequenceNumber, PendingAnswer answer) {
            pending.put(sequenceNumber, answer);
        }

        @Override
        public byte[] sendSubmitSmResp(
                OutputStream out, int sequenceNumber, String messageId, OptionalParameter... optionalParameters)
                throws PDUStringException, IOException {
            byte[] pdu = composer.submitSmResp(sequenceNumber, messageId, optionalParameters);
            answerWhenDue(out, sequenceNumber, pdu);
            return pdu;
        }

        @Override
        public byte[] sendHeader(OutputStream out, int commandId, int commandStatus, int sequenceNumber)
                throws IOException {
            if (commandId != SMPPConstant.CID_SUBMIT_SM_RESP) {
                return super.sendHeader(out, commandId, commandStatus, sequenceNumber);
            }
            byte[] pdu = composer.composeHeader(commandId, commandStatus, sequenceNumber);
            answerWhenDue(out, sequenceNumber, pdu);
            return pdu;
        }

        private void answerWhenDue(OutputStream out, int sequenceNumber, byte[] pdu) throws IOException {
            PendingAnswer answer = pending.remove(sequenceNumber);
            if (answer == null) { // jSMPP refused it itself, e.g. with a full queue
                write(out, pdu);
                return;
            }
            long waitNanos = answer.dueNanos() - System.nanoTime();
            if (waitNanos <= 0) {
                write(out, pdu);
                answered(answer.submit(), answer.session());
                return;
            }
            schedule(
                    () -> {
                        try {
                            write(out, pdu);
                            answered(answer.submit(), answer.session());
                        } catch (IOException e) {
                            log.debug("Cannot write a submit_sm_resp: {}", e.getMessage());
                        }
                    },
                    waitNanos);
        }

        private static void write(OutputStream out, byte[] pdu) throws IOException {
            // the lock SynchronizedPDUSender takes for every other PDU on this connection
            synchronized (out) {
                out.write(pdu);
                out.flush();
            }
        }
    }

    /** The receipts of one submit, sent in order; waits for a receiving session for a while if none is bound. */
    private final class ReceiptDelivery implements Runnable {
        private final SmscSubmit submit;
        private final SMPPServerSession origin;
        private final List<DeliveryReceiptState> states;
        private int next;
        private int retriesLeft = RECEIPT_ATTEMPTS - 1;

        ReceiptDelivery(SmscSubmit submit, SMPPServerSession origin, List<DeliveryReceiptState> states) {
            this.submit = submit;
            this.origin = origin;
            this.states = states;
        }

        @Override
        public void run() {
            while (next < states.size() && !closed.get()) {
                DeliveryReceiptState state = states.get(next);
                int status = receivingSession(origin)
                        .map(session -> deliverReceipt(session, submit, state))
                        .orElse(NOT_SENT);
                // as an SMSC does, a receipt is sent again when no deliver_sm_resp came: written just before a
                // connection dropped, it may never have reached the client
                if ((status == NOT_SENT || status == NO_ANSWER) && retriesLeft > 0) {
                    retriesLeft--;
                    schedule(() -> execute(receiptSender, this), RECEIPT_RETRY_PAUSE.toNanos());
                    return;
                }
                receiptAnswers.add(new SmscReceiptAnswer(
                        submit.messageId(), state.name(), status == NOT_SENT ? NO_ANSWER : status));
                next++;
            }
        }
    }
}
