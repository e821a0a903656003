package io.msgsvc.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmCommandTask;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * A jSMPP client session that submits without a thread waiting per request: the {@code submit_sm} is written on the
 * caller's thread, so submits leave in the order they were made, and its answer completes a future when the
 * session's reader meets it. jSMPP's own {@code submitShortMessage} blocks its caller until the answer comes.
 */
final class AsyncSubmitSession extends SMPPSession {
    private final Map<Integer, FutureResponse> unanswered = new ConcurrentHashMap<>();

    AsyncSubmitSession(Duration connectTimeout) {
        super((host, port) -> connect(host, port, connectTimeout));
        addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                failUnanswered(new IOException("the SMPP connection closed before the SMSC answered"));
            }
        });
    }

    /**
     * Writes the submit now and answers with the SMSC's response (any command status), or fails with an
     * {@link IOException} when the connection drops first, or a timeout after {@code timeoutMillis}.
     */
    CompletableFuture<SubmitSmResp> submit(Submits.Part part, long timeoutMillis) {
        FutureResponse response = new FutureResponse(timeoutMillis);
        try {
            ensureTransmittable(SubmitSmCommandTask.COMMAND_NAME_SUBMIT_SM);
            int sequenceNumber = sequence().nextValue();
            unanswered.put(sequenceNumber, response);
            response.answer.whenComplete((r, e) -> unanswered.remove(sequenceNumber, response));
            part.task(pduSender()).executeTask(connection().getOutputStream(), sequenceNumber);
        } catch (IOException e) {
            response.answer.completeExceptionally(e);
            close();
        } catch (PDUException | RuntimeException e) {
            response.answer.completeExceptionally(e);
        }
        return response.answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Without Nagle's algorithm, which would hold a submit back until the one before it is acknowledged. */
    private static Connection connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new SocketConnection(socket);
    }

    int unansweredSubmits() {
        return unanswered.size();
    }

    /** The reader asks for the request an answer belongs to: ours first, then jSMPP's own (bind, enquire_link). */
    @Override
    protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
        FutureResponse ours = unanswered.remove(sequenceNumber);
        return ours != null ? ours : super.removePendingResponse(sequenceNumber);
    }

    private void failUnanswered(IOException cause) {
        unanswered.values().forEach(r -> r.answer.completeExceptionally(cause));
        unanswered.clear();
    }

    /** jSMPP's slot for an awaited answer, completing a future instead of waking a waiting thread. */
    private static final class FutureResponse extends PendingResponse<Command> {
        final CompletableFuture<SubmitSmResp> answer = new CompletableFuture<>();

        FutureResponse(long timeoutMillis) {
            super(timeoutMillis);
        }

        @Override
        public void done(Command response) {
            if (response instanceof SubmitSmResp) {
                answer.complete((SubmitSmResp) response);
            } else {
                answer.completeExceptionally(new IOException("not a submit_sm_resp: " + response));
            }
        }

        @Override
        public void doneWithInvalidResponse(InvalidResponseException e) {
            answer.completeExceptionally(e);
        }
    }
}
