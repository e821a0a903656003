package io.msgsvc.memory;

import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A transaction of the in-memory storage. The storage's lock is held while it runs, and every change registers how
 * to undo it, so work that fails leaves nothing behind, as a database transaction would.
 */
final class InMemoryTx implements StorageTx {
    private final InMemoryStorage storage;
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Set<Object> saved = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean open = true;

    InMemoryTx(InMemoryStorage storage) {
        this.storage = storage;
    }

    /** The open transaction of {@code storage} that {@code tx} is; anything else is a caller's mistake. */
    static InMemoryTx of(StorageTx tx, InMemoryStorage storage) {
        if (tx instanceof InMemoryTx memory && memory.storage == storage && memory.open) {
            return memory;
        }
        throw new IllegalArgumentException("not an open transaction of this in-memory storage: " + tx);
    }

    /** Keeps how to undo a change just made. */
    void onRollback(Runnable undoChange) {
        undo.add(undoChange);
    }

    /** True the first time {@code changed} is named in this transaction: its state before needs keeping once. */
    boolean firstChangeOf(Object changed) {
        return saved.add(changed);
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    @Override
    public boolean sharedWithHost() {
        return false;
    }

    void rollBack() {
        open = false;
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
    }

    /** Ends the transaction as committed; returns what is to run now that it is. */
    List<Runnable> commit() {
        open = false;
        return afterCommit;
    }
}
