package io.msgsvc;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.DeliveryReported;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSkipped;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationEvent.ReportTimedOut;
import io.msgsvc.api.ReservationEvent.ReservationExpired;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.SendOutcome;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.StorageTx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link EngineMetrics} what the engine did, from the places it does it: results and reports from the events a
 * transaction committed (one call per transaction, however many deliveries it held), retries and throttles from the
 * channel's answers. With the default no-op metrics every method returns at its first test.
 */
final class EngineCounts {
    private static final Logger log = LoggerFactory.getLogger(EngineCounts.class);

    private final EngineMetrics metrics;
    private final boolean on;
    private final int maxAttempts;
    private final Clock clock;

    EngineCounts(EngineConfig config) {
        this.metrics = config.metrics();
        this.on = metrics != EngineMetrics.none();
        this.maxAttempts = config.retryPolicy().maxAttempts();
        this.clock = config.clock();
    }

    /** Counts the results, reports and registrations among {@code events} once {@code tx} commits. */
    void onCommit(StorageTx tx, List<ReservationEvent> events) {
        if (on) {
            tx.afterCommit(() -> safely(() -> committed(events)));
        }
    }

    /**
     * Counts one answer of the channel if it is a throttle, or a transient failure that goes again (results count on
     * commit), and returns it, so the dispatch takes it on in the same expression.
     */
    SendOutcome answered(SendOutcome outcome, int attempt) {
        if (!on) {
            return outcome;
        }
        if (outcome instanceof SendOutcome.Throttled throttled) {
            safely(() -> metrics.sendThrottled(throttled.wholeChannel()));
        } else if (outcome instanceof SendOutcome.TransientFailure && attempt < maxAttempts) {
            safely(metrics::sendRetried);
        }
        return outcome;
    }

    /** A consumer's handler for {@code roles}, telling each role the lag of a batch once the handler stored it. */
    Consumer<List<OutboxEntry>> projecting(List<Role> roles, Consumer<List<OutboxEntry>> handler) {
        if (!on) {
            return handler;
        }
        return entries -> {
            handler.accept(entries); // returns once the batch's transaction committed
            if (!entries.isEmpty()) {
                Duration lag = since(oldest(entries));
                roles.forEach(role -> safely(() -> metrics.projected(role, entries.size(), lag)));
            }
        };
    }

    /** The relay handed {@code batch} (oldest first) to the transport. */
    void relayed(List<OutboxEntry> batch) {
        if (on && !batch.isEmpty()) {
            safely(() ->
                    metrics.relayed(batch.size(), since(batch.get(0).event().occurredAt())));
        }
    }

    private void committed(List<ReservationEvent> events) {
        int sent = 0;
        int submitted = 0;
        int failedPermanently = 0;
        int failedAfterRetries = 0;
        int delivered = 0;
        int undelivered = 0;
        int expired = 0;
        int unknown = 0;
        int registered = 0;
        int skipped = 0;
        int expiredUnsent = 0;
        for (ReservationEvent event : events) {
            if (event instanceof MsgSent) {
                sent++;
            } else if (event instanceof MsgSubmitted) {
                submitted++;
            } else if (event instanceof SendFailed failed) {
                if (failed.permanent()) {
                    failedPermanently++;
                } else {
                    failedAfterRetries++;
                }
            } else if (event instanceof DeliveryReported reported) {
                switch (reported.state()) {
                    case DELIVERED -> delivered++;
                    case UNDELIVERED -> undelivered++;
                    case EXPIRED -> expired++;
                    default -> unknown++;
                }
            } else if (event instanceof ReportTimedOut) {
                unknown++;
            } else if (event instanceof Reserved) {
                registered++;
            } else if (event instanceof MsgSkipped) {
                skipped++;
            } else if (event instanceof ReservationExpired closed) {
                expiredUnsent += closed.expiredDeliveries();
            }
        }
        if (sent + submitted + failedPermanently + failedAfterRetries > 0) {
            metrics.sendsRecorded(sent, submitted, failedPermanently, failedAfterRetries);
        }
        if (delivered + undelivered + expired + unknown > 0) {
            metrics.reportsApplied(delivered, undelivered, expired, unknown);
        }
        if (registered > 0) {
            metrics.reservationsRegistered(registered);
        }
        if (skipped + expiredUnsent > 0) {
            metrics.deliveriesNotSent(skipped, expiredUnsent);
        }
    }

    /** The host's metrics must never disturb the work they count: a failure is logged, the work goes on. */
    private void safely(Runnable telling) {
        try {
            telling.run();
        } catch (RuntimeException e) {
            log.warn("metrics {} failed", metrics, e);
        }
    }

    private static Instant oldest(List<OutboxEntry> entries) {
        Instant oldest = entries.get(0).event().occurredAt();
        for (OutboxEntry entry : entries) {
            Instant at = entry.event().occurredAt();
            oldest = at.isBefore(oldest) ? at : oldest;
        }
        return oldest;
    }

    private Duration since(Instant at) {
        Duration lag = Duration.between(at, clock.instant());
        return lag.isNegative() ? Duration.ZERO : lag; // another node's clock may run ahead of this one's
    }
}
