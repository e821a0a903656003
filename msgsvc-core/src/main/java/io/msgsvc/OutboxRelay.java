package io.msgsvc;

import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed events from the outbox to the transport, in order, and marks them published once the transport
 * took them: for a transport to other processes in the one transaction that took them, so relays take turns and
 * claim nothing row by row (when the outbox {@linkplain Outbox#takesUnderLock() takes under a lock}; else claimed,
 * published and marked in two transactions). A crash between publishing and that commit repeats a batch; the
 * projections absorb the repeat. On stop it relays what is left, so the read side is current when the engine closes
 * (unless another node's relay holds the outbox then: it relays the rest).
 */
final class OutboxRelay {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /**
     * How far a backlog grows the take: each round trip (the outbox query, the broker's acknowledgements, the commit)
     * costs about as much for 4 000 events as for 500, so a relay behind the senders catches up in larger takes.
     */
    static final int BACKLOG_GROWTH = 8;
    /**
     * The largest take a backlog grows to (a configured batch above it is taken as configured): bounds the relay's
     * transaction, its publish within {@code publishTimeout} and the statement that deletes what it published.
     */
    static final int LARGEST_GROWN_TAKE = 4_000;

    private final EngineConfig config;
    private final Storage storage;
    private final Outbox outbox;
    private final BackgroundLoop loop;
    private final EngineCounts counts;
    /** Events to take next: the configured batch, doubled after each full take up to {@link #BACKLOG_GROWTH} times. */
    private int takeSize;

    OutboxRelay(EngineConfig config) {
        this.config = config;
        this.counts = new EngineCounts(config);
        this.storage = config.storage();
        this.outbox = storage.outbox();
        this.takeSize = config.outboxBatchSize();
        this.loop = BackgroundLoop.named("msgsvc-relay-" + config.nodeId())
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(5))
                .onFailure((e, retryIn) -> {
                    if (retryIn == null) {
                        log.warn("could not relay the last events before stopping; they stay in the outbox", e);
                    } else {
                        log.warn("relaying events failed; retrying in {}", retryIn, e);
                    }
                })
                .onStop(this::drain)
                .build(() -> relayOnce() < config.outboxBatchSize() ? config.pollInterval() : Duration.ZERO);
    }

    /** The relay's loop: started, woken and stopped by the engine. */
    BackgroundLoop loop() {
        return loop;
    }

    private void drain() {
        while (relayOnce() > 0) {
            // until the outbox is empty
        }
    }

    /**
     * Relays one take and sizes the next: larger while takes come back full, the configured size once caught up or
     * after a take failed (a broker that cannot take a large batch in time gets smaller ones).
     */
    private int relayOnce() {
        int batch = config.outboxBatchSize();
        int asked = takeSize;
        takeSize = batch; // until this take is known to have come back full
        int relayed = relayTake(asked);
        if (relayed == asked) {
            int largest = Math.max(batch, (int) Math.min((long) batch * BACKLOG_GROWTH, LARGEST_GROWN_TAKE));
            takeSize = (int) Math.min((long) asked * 2, largest);
        }
        return relayed;
    }

    private int relayTake(int limit) {
        if (!config.transport().reachesOnlyThisProcess() && outbox.takesUnderLock()) {
            // taken, published and deleted in one transaction: no claim written per event
            List<OutboxEntry> taken = storage.inTransaction(tx -> {
                List<OutboxEntry> batch = outbox.take(tx, limit);
                publish(batch);
                outbox.markPublished(tx, batch);
                return batch;
            });
            if (!taken.isEmpty()) {
                counts.relayed(taken);
            }
            return taken.size();
        }
        // in-process projections open transactions of their own on this thread: publish outside the relay's
        List<OutboxEntry> batch = storage.inTransaction(tx -> outbox.poll(tx, limit));
        if (batch.isEmpty()) {
            return 0;
        }
        publish(batch);
        storage.inTransaction(tx -> {
            outbox.markPublished(tx, batch);
            return null;
        });
        counts.relayed(batch);
        return batch.size();
    }

    private void publish(List<OutboxEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            config.transport().publishEntries(batch); // with their positions: a batch published again is recognised
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("transport refused " + batch.size() + " events", e);
        }
    }
}
