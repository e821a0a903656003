package io.msgsvc;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.EventTransport;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.ReservationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed events from the outbox to the transport, in order, and removes them once the transport took
 * them. A crash between the two repeats a batch; the projections absorb the repeat.
 */
final class OutboxRelay implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(5);

    private final ReservationStore store;
    private final EventTransport transport;
    private final int batchSize;
    private final Duration pollInterval;
    private final WakeSignal signal = new WakeSignal();
    private volatile boolean running = true;

    OutboxRelay(ReservationStore store, EventTransport transport, int batchSize, Duration pollInterval) {
        this.store = store;
        this.transport = transport;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
    }

    void wake() {
        signal.raise();
    }

    void stop() {
        running = false;
        signal.raise();
    }

    @Override
    public void run() {
        Duration failureBackoff = Duration.ofMillis(50);
        while (running) {
            try {
                int relayed = relayOnce();
                failureBackoff = Duration.ofMillis(50);
                if (relayed < batchSize) {
                    signal.await(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("relaying events failed; retrying in {}", failureBackoff, e);
                try {
                    signal.await(failureBackoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                failureBackoff = min(failureBackoff.multipliedBy(2), MAX_FAILURE_BACKOFF);
            }
        }
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("could not relay the last events before stopping; they stay in the outbox", e);
        }
    }

    /** Relays what is in the outbox now; used on stop so the read side is current when the engine closes. */
    void drain() {
        while (relayOnce() > 0) {
            // keep going until the outbox is empty
        }
    }

    private int relayOnce() {
        List<OutboxEntry> batch = store.pollOutbox(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        List<ReservationEvent> events = new ArrayList<>(batch.size());
        for (OutboxEntry entry : batch) {
            events.add(entry.event());
        }
        try {
            transport.publish(events);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("transport refused " + events.size() + " events", e);
        }
        store.markPublished(batch);
        return batch.size();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
