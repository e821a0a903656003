package io.msgsvc.spi;

/**
 * One open transaction of a {@link Storage}, handed by {@link Storage#inTransaction} to the work that runs in it and
 * by that work to every store method it calls: reading a store method tells everything it touches. Valid only
 * while that work runs, on its thread.
 */
public interface StorageTx {

    /**
     * Runs {@code action} once this transaction has committed, never if it rolls back. Actions run in the order
     * given, on the thread that ran the transaction. In a transaction {@linkplain #sharedWithHost() shared with
     * the host} the commit is the host's, which the storage does not see: actions run when the work returns.
     *
     * @param action what to run, not null
     */
    void afterCommit(Runnable action);

    /**
     * True when this transaction is the host's own (the host bound it, and commits it): what is written may still
     * roll back after the work returns.
     *
     * @return true for the host's transaction, false for one the storage opened and commits
     */
    boolean sharedWithHost();
}
