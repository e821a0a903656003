package io.msgsvc;

import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.DeliveryReports;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result timeout: ends as unknown the submitted deliveries whose report did not come within
 * {@code awaitReportsFor}; applies parked reports whose send result is in by now (a report and its result stored at
 * the same moment can miss each other); drops reports parked longer than {@code parkReportsFor} that no send result
 * claimed. Safe on many nodes: each sweep claims what it works on with {@code SKIP LOCKED}, on the store's clock.
 * After this node parked a report it looks again within milliseconds for a while, not at its usual pace.
 */
final class ReportSweeper {
    private static final Logger log = LoggerFactory.getLogger(ReportSweeper.class);
    /** Reservations timed out per transaction. */
    private static final int BATCH = 100;
    /** How long after parking a report this node looks again at the pace of result flushes. */
    private static final Duration LOOK_SOON_FOR = Duration.ofSeconds(2);

    private final EngineConfig config;
    private final UnitOfWork unitOfWork;
    private final DeliveryReports reports;
    private final BackgroundLoop loop;
    /** Until when to look again soon: a report parked here is usually claimable within a result flush. */
    private final AtomicReference<Instant> lookSoonUntil = new AtomicReference<>(Instant.MIN);

    ReportSweeper(EngineConfig config, UnitOfWork unitOfWork) {
        this.config = config;
        this.unitOfWork = unitOfWork;
        this.reports = config.storage().deliveryReports();
        this.loop = BackgroundLoop.named("msgsvc-reports-" + config.nodeId())
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .onFailure((e, retryIn) ->
                        log.warn("sweeping overdue delivery reports failed; retrying in {}", retryIn, e))
                .build(this::sweep);
    }

    /** The sweeper's loop: started, woken and stopped by the engine. */
    BackgroundLoop loop() {
        return loop;
    }

    /** A report was parked on this node: look for its send result soon. */
    void reportParked() {
        lookSoonUntil.set(Instant.now().plus(LOOK_SOON_FOR));
        loop.wake();
    }

    private Duration sweep() {
        Instant now = config.clock().instant();
        while (unitOfWork.write(tx -> reports.retryParked(tx, now, BATCH)) == BATCH && loop.isRunning()) {
            // until no parked report is ready
        }
        int timedOut;
        do {
            timedOut = unitOfWork.write(tx -> reports.timeOut(tx, now, config.awaitReportsFor(), BATCH));
            if (timedOut > 0) {
                log.info("{} deliveries had no delivery report within {}: unknown", timedOut, config.awaitReportsFor());
            }
        } while (timedOut > 0 && loop.isRunning());
        int dropped = config.storage().inTransaction(tx -> reports.dropParked(tx, now.minus(config.parkReportsFor())));
        if (dropped > 0) {
            log.warn(
                    "dropped {} delivery reports that no send result claimed within {}",
                    dropped,
                    config.parkReportsFor());
        }
        if (Instant.now().isBefore(lookSoonUntil.get())) {
            Duration soon = config.resultFlushInterval().multipliedBy(2);
            return soon.compareTo(config.reportSweepInterval()) < 0 ? soon : config.reportSweepInterval();
        }
        return config.reportSweepInterval();
    }
}
