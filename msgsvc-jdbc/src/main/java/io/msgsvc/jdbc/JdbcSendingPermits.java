package io.msgsvc.jdbc;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.msgsvc.api.SendingSpeed;
import io.msgsvc.jdbc.Schema.RateBucketTable;
import io.msgsvc.spi.SendingPermits;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending speeds held across every node on the database: Bucket4j buckets whose state lives in
 * {@code msgsvc_rate_bucket}, each taken from in a short transaction of its own that locks its row (select for
 * update), on PostgreSQL, H2 and MariaDB alike. Bucket4j keeps the time on the nodes' clocks, so they should agree
 * (NTP) to well within a burst's worth of time.
 */
final class JdbcSendingPermits implements SendingPermits {
    private static final Logger log = LoggerFactory.getLogger(JdbcSendingPermits.class);
    private final Db db;
    private final Buckets buckets = new Buckets();

    JdbcSendingPermits(Db db) {
        this.db = db;
    }

    @Override
    public Grant take(String key, SendingSpeed speed, int wanted) {
        ConsumptionProbe probe = bucket(key, speed).tryConsumeAndReturnRemaining(wanted);
        return probe.isConsumed() ? Grant.of(wanted, 0) : Grant.of(0, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack(String key, SendingSpeed speed, int permits) {
        bucket(key, speed).addTokens(permits);
    }

    @Override
    public void holdBack(String key, SendingSpeed speed, Duration pause) {
        BucketProxy bucket = bucket(key, speed);
        // emptied, and in debt by all but one of what refills over the pause: its next permit comes when it ends
        bucket.consumeIgnoringRateLimits(
                Math.max(0, bucket.getAvailableTokens()) + Math.max(0, speed.sendsIn(pause) - 1));
    }

    private BucketProxy bucket(String key, SendingSpeed speed) {
        // the configuration is needed only when the bucket's row is made
        return buckets.builder()
                .build(
                        key,
                        () -> BucketConfiguration.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(speed.burst())
                                        .refillGreedy(speed.burst(), speed.burstRefill())
                                        .build())
                                .build());
    }

    /** Bucket4j's select-for-update proxy over the bucket table, through jOOQ so one text serves every dialect. */
    private final class Buckets extends AbstractSelectForUpdateBasedProxyManager<String> {
        Buckets() {
            super(ClientSideConfig.getDefault());
        }

        @Override
        protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
            return new BucketTransaction(key);
        }

        @Override
        public void removeProxy(String key) {
            db.dsl
                    .deleteFrom(RateBucketTable.T)
                    .where(RateBucketTable.ID.eq(key))
                    .execute();
        }
    }

    private final class BucketTransaction implements SelectForUpdateBasedTransaction {
        private final String key;
        private Connection connection;
        private DSLContext ctx;

        BucketTransaction(String key) {
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            try {
                connection = db.dataSource.getConnection();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                release();
                throw new IllegalStateException("cannot open a transaction for sending permits", e);
            }
            ctx = DSL.using(connection, db.dialect, db.dsl.settings());
            if (db.isPostgres()) {
                // a bucket's state need not survive a database crash (at worst it grants again what it granted in the
                // last moments before), so its many small commits do not wait for the disk; the sends' results do
                ctx.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            Record1<byte[]> row = ctx.select(RateBucketTable.STATE)
                    .from(RateBucketTable.T)
                    .where(RateBucketTable.ID.eq(key))
                    .forUpdate()
                    .fetchOne();
            return row == null ? LockAndGetResult.notLocked() : LockAndGetResult.locked(row.value1());
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            // a node that inserts the same key meanwhile wins (or, on MariaDB's gap locks, one of two inserting
            // deadlocks); Bucket4j then tries again and locks the row that is there
            try {
                return ctx.insertInto(RateBucketTable.T, RateBucketTable.ID, RateBucketTable.UPDATED_AT)
                                .values(key, Db.ts(Instant.now()))
                                .onConflict(RateBucketTable.ID)
                                .doNothing()
                                .execute()
                        == 1;
            } catch (DataAccessException e) {
                String state = e.sqlState();
                if (state != null && (state.startsWith("40") || state.startsWith("23"))) {
                    rollback();
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState newState, Optional<Long> timeoutNanos) {
            ctx.update(RateBucketTable.T)
                    .set(RateBucketTable.STATE, data)
                    .set(RateBucketTable.UPDATED_AT, Db.ts(Instant.now()))
                    .where(RateBucketTable.ID.eq(key))
                    .execute();
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot commit sending permits", e);
            }
        }

        @Override
        public void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) { // the failure that led here is the one worth reporting
                log.debug("rollback of sending permits failed", e);
            }
        }

        @Override
        public void release() {
            if (connection == null) {
                return;
            }
            try (Connection closing = connection) {
                closing.setAutoCommit(true); // a host's pool may hand it on as it finds it
            } catch (SQLException e) { // the pool discards a connection that fails to close
                log.debug("closing a sending-permits connection failed", e);
            }
        }
    }
}
