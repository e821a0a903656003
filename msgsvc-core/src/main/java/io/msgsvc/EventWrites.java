package io.msgsvc;

import io.msgsvc.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store writes that write events. Inline (an engine that projects every event itself, on a storage that
 * can): the events are projected in the write's own transaction and the listeners told after it commits; the
 * outbox and the relay are skipped. Otherwise the events wait in the outbox and the relay is woken.
 *
 * <p>A projection that fails inline (a pricing function that throws, a database error in a read model) must not
 * take the write down with it: the results it would lose are sends the channel accepted. The write then runs again
 * on its own, its events go to the outbox, and the relay projects them once the projection works again.
 */
final class EventWrites {
    private static final Logger log = LoggerFactory.getLogger(EventWrites.class);

    private final Storage storage;
    private final Projections projections;
    private final boolean inline;
    private final Runnable wakeRelay;

    EventWrites(Storage storage, Projections projections, boolean inline, Runnable wakeRelay) {
        this.storage = storage;
        this.projections = projections;
        this.inline = inline;
        this.wakeRelay = wakeRelay;
    }

    <T> T write(Supplier<T> write) {
        if (!inline) {
            return writeThroughOutbox(write);
        }
        List<Runnable> afterCommit = new ArrayList<>();
        boolean[] projected = new boolean[1];
        T result;
        try {
            result = storage.projectInline(
                    events -> {
                        projected[0] = true;
                        try {
                            projections.applyInline(events, afterCommit::add);
                        } catch (RuntimeException e) {
                            throw new ProjectionFailed(e);
                        }
                    },
                    () -> {
                        // a retried transaction starts over: forget what the rolled-back attempt would have told
                        afterCommit.clear();
                        projected[0] = false;
                        return write.get();
                    });
        } catch (ProjectionFailed failed) {
            log.warn(
                    "projecting events in the writing transaction failed; writing them to the outbox for the "
                            + "relay instead",
                    failed.getCause());
            return writeThroughOutbox(write);
        }
        afterCommit.forEach(Runnable::run);
        if (!projected[0]) {
            wakeRelay.run(); // written inside a host's transaction: its events went to the outbox
        }
        return result;
    }

    private <T> T writeThroughOutbox(Supplier<T> write) {
        T result = write.get();
        wakeRelay.run();
        return result;
    }

    /** Marks a failure of the projections, as opposed to one of the write they project. */
    private static final class ProjectionFailed extends RuntimeException {
        ProjectionFailed(RuntimeException cause) {
            super(cause);
        }
    }
}
