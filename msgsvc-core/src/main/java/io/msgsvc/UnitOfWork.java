package io.msgsvc;

import io.msgsvc.api.ReservationEvent;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import io.msgsvc.spi.Written;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one change of the store as one transaction and decides, inside it, where the change's events go: projected
 * at once (inline: billing, statistics, status and dashboard commit with the change, and the listeners hear after
 * the commit) or appended to the outbox, with the relay woken once the change commits. Events written in a
 * transaction the host owns always take the outbox: their commit is the host's, and the listeners must not hear
 * of what may still roll back.
 *
 * <p>A projection that fails inline (a pricing function that throws, a read model the database refuses) must not
 * take the change down with it: the results it would lose are sends the channel accepted. The change then runs
 * again on its own, its events go to the outbox, and the relay projects them once the projection works again.
 */
final class UnitOfWork {
    private static final Logger log = LoggerFactory.getLogger(UnitOfWork.class);

    private final Storage storage;
    private final Projections projections;
    private final boolean inline;
    private final Runnable wakeRelay;
    private final EngineCounts counts;

    UnitOfWork(Storage storage, Projections projections, boolean inline, Runnable wakeRelay, EngineCounts counts) {
        this.storage = storage;
        this.projections = projections;
        this.inline = inline;
        this.wakeRelay = wakeRelay;
        this.counts = counts;
    }

    /** Runs {@code change} in one transaction with its events; returns the change's own answer. */
    <T> T write(Function<StorageTx, Written<T>> change) {
        if (inline) {
            try {
                return storage.inTransaction(tx -> commit(tx, change.apply(tx), true));
            } catch (ProjectionFailed failed) {
                log.warn(
                        "projecting events in the writing transaction failed; writing them to the outbox for the "
                                + "relay instead",
                        failed.getCause());
            }
        }
        return storage.inTransaction(tx -> commit(tx, change.apply(tx), false));
    }

    private <T> T commit(StorageTx tx, Written<T> written, boolean projectNow) {
        List<ReservationEvent> events = written.events();
        if (events.isEmpty()) {
            return written.value();
        }
        if (projectNow && !tx.sharedWithHost()) {
            try {
                projections.applyInline(tx, events);
            } catch (Exception e) { // host code (pricing) may smuggle out a checked one
                throw new ProjectionFailed(e);
            }
        } else {
            storage.outbox().append(tx, events);
            tx.afterCommit(wakeRelay);
        }
        counts.onCommit(tx, events); // the results and reports this node stored: its own share
        return written.value();
    }

    /** Marks a failure of the projections, as opposed to one of the change they project. */
    private static final class ProjectionFailed extends RuntimeException {
        ProjectionFailed(Exception cause) {
            super(cause);
        }
    }
}
