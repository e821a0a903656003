package io.msgsvc;

import io.msgsvc.spi.Storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the store writes that write events. Inline (an engine that projects every event itself, on a storage that
 * can): the events are projected in the write's own transaction and the listeners told after it commits; the
 * outbox and the relay are skipped. Otherwise the events wait in the outbox and the relay is woken.
 */
final class EventWrites {
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

    boolean inline() {
        return inline;
    }

    <T> T write(Supplier<T> write) {
        if (!inline) {
            T result = write.get();
            wakeRelay.run();
            return result;
        }
        List<Runnable> afterCommit = new ArrayList<>();
        boolean[] projected = new boolean[1];
        T result = storage.projectInline(events -> {
            projected[0] = true;
            projections.applyInline(events, afterCommit::add);
        }, () -> {
            // a retried transaction starts over: forget what the rolled-back attempt would have told
            afterCommit.clear();
            projected[0] = false;
            return write.get();
        });
        afterCommit.forEach(Runnable::run);
        if (!projected[0]) {
            wakeRelay.run(); // written inside a host's transaction: its events went to the outbox
        }
        return result;
    }
}
