package io.msgsvc;

import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the host's channel on a thread of its own so that a call that throws or hangs becomes a transient failure
 * instead of stalling or killing a dispatcher. Not isolated, the call runs on the dispatching thread: a throw is
 * still a transient failure, but nothing bounds how long it takes.
 */
final class ChannelInvoker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChannelInvoker.class);

    private final MessageChannel channel;
    private final Duration timeout;
    /** Null when calls run on the dispatching thread. */
    private final ExecutorService calls;

    ChannelInvoker(MessageChannel channel, Duration timeout, boolean isolated, String nodeId) {
        this.channel = channel;
        this.timeout = timeout;
        this.calls = isolated ? Executors.newCachedThreadPool(Threads.daemon("msgsvc-channel-" + nodeId)) : null;
    }

    /**
     * Never throws for channel trouble; throws InterruptedException when the engine is stopping.
     *
     * @param whileWaiting run once if the call is still going after {@code patience}: lets the caller store what it
     *                     has while a slow channel keeps it waiting
     */
    SendOutcome send(OutboundMessage message, Duration patience, Runnable whileWaiting) throws InterruptedException {
        if (calls == null) {
            return sendHere(message);
        }
        Future<SendOutcome> call = calls.submit(() -> channel.send(message));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            SendOutcome outcome;
            try {
                outcome = call.get(Math.min(patience.toNanos(), timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                whileWaiting.run();
                outcome = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return outcome != null ? outcome : SendOutcome.transientFailure("channel returned no outcome");
        } catch (TimeoutException e) {
            call.cancel(true);
            return SendOutcome.transientFailure("channel did not answer within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.debug("channel threw for {}", message.deliveryId(), cause);
            return SendOutcome.transientFailure("channel threw " + cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private SendOutcome sendHere(OutboundMessage message) throws InterruptedException {
        try {
            SendOutcome outcome = channel.send(message);
            return outcome != null ? outcome : SendOutcome.transientFailure("channel returned no outcome");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.debug("channel threw for {}", message.deliveryId(), e);
            return SendOutcome.transientFailure("channel threw " + e);
        }
    }

    @Override
    public void close() {
        if (calls != null) {
            calls.shutdownNow();
        }
    }
}
