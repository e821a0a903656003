package io.msgsvc.jdbc;

import io.msgsvc.spi.StorageTx;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** A transaction of a {@link JdbcStorage}: the connection its statements run on, and what waits for its commit. */
final class JdbcTx implements StorageTx {
    private final Db db;
    private final DSLContext ctx;
    private final boolean sharedWithHost;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean open = true;

    JdbcTx(Db db, DSLContext ctx, boolean sharedWithHost) {
        this.db = db;
        this.ctx = ctx;
        this.sharedWithHost = sharedWithHost;
    }

    /** The statements' context of {@code tx}, an open transaction of {@code db}; anything else is a mistake. */
    static DSLContext ctx(StorageTx tx, Db db) {
        if (tx instanceof JdbcTx jdbc && jdbc.db == db && jdbc.open) {
            return jdbc.ctx;
        }
        throw new IllegalArgumentException("not an open transaction of this JDBC storage: " + tx);
    }

    @Override
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    @Override
    public boolean sharedWithHost() {
        return sharedWithHost;
    }

    /** Ends the transaction; returns what is to run now that it is over (and committed, unless the host's). */
    List<Runnable> end() {
        open = false;
        return afterCommit;
    }
}
