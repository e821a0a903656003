package io.msgsvc.jdbc;

import io.msgsvc.api.ReservationId;
import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.DispatchQueue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What nodes tell each other on PostgreSQL: a reservation or due time stored (so the others' schedulers look at
 * once) and a cancel or a pause asked (so the node sending that reservation stops before its next send). NOTIFY is
 * sent on commit; one connection per node LISTENs and reconnects after it is lost. Started only on PostgreSQL;
 * elsewhere nodes find the same news at their next poll or result write.
 */
final class PostgresNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final String DUE_CHANNEL = "msgsvc_due";
    private static final String CANCEL_CHANNEL = "msgsvc_cancel";
    private static final String PAUSE_CHANNEL = "msgsvc_pause";
    private static final int WAIT_MILLIS = 500;
    /** Do not hammer a database that just refused us. */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final DispatchQueue.Watcher watcher;
    private final BackgroundLoop loop;
    /** Used by the loop's thread only. */
    private Connection connection;

    private PostgresNotifications(DataSource dataSource, DispatchQueue.Watcher watcher) {
        this.dataSource = dataSource;
        this.watcher = watcher;
        this.loop = BackgroundLoop.named("msgsvc-pg-listen")
                .backoff(RECONNECT_AFTER, RECONNECT_AFTER)
                .onFailure((e, retryIn) -> log.warn("listening for other nodes' news failed; reconnecting", e))
                .onStop(this::disconnect)
                .start(this::listenOnce);
    }

    /** Tells the others' schedulers that a reservation or due time was stored, on commit. */
    static void notifyDueTimes(Db db, DSLContext ctx) {
        if (db.isPostgres()) {
            ctx.fetch("select pg_notify(?, '')", DUE_CHANNEL);
        }
    }

    /** Tells the node sending {@code id} that a cancel was asked, on commit. */
    static void notifyCancel(Db db, DSLContext ctx, ReservationId id) {
        notifyAbout(db, ctx, CANCEL_CHANNEL, id);
    }

    /** Tells the node sending {@code id} that a pause was asked, on commit. */
    static void notifyPause(Db db, DSLContext ctx, ReservationId id) {
        notifyAbout(db, ctx, PAUSE_CHANNEL, id);
    }

    private static void notifyAbout(Db db, DSLContext ctx, String channel, ReservationId id) {
        if (db.isPostgres()) {
            ctx.fetch("select pg_notify(?, ?)", channel, id.toString());
        }
    }

    /** Passes the others' news to {@code watcher} (PostgreSQL); elsewhere a handle that does nothing. */
    static AutoCloseable watch(Db db, DispatchQueue.Watcher watcher) {
        return db.isPostgres() ? new PostgresNotifications(db.dataSource, watcher) : () -> {};
    }

    /** Waits up to {@link #WAIT_MILLIS} for notifications, connecting first when needed. */
    private Duration listenOnce() throws SQLException {
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + DUE_CHANNEL);
                    s.execute("LISTEN " + CANCEL_CHANNEL);
                    s.execute("LISTEN " + PAUSE_CHANNEL);
                }
            }
            PGNotification[] notifications =
                    connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            boolean due = false;
            for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
                if (CANCEL_CHANNEL.equals(n.getName())) {
                    reservation(n).ifPresent(watcher::cancelRequested);
                } else if (PAUSE_CHANNEL.equals(n.getName())) {
                    reservation(n).ifPresent(watcher::pauseRequested);
                } else {
                    due = true;
                }
            }
            if (due) {
                watcher.dueTimesChanged();
            }
            return Duration.ZERO;
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
    }

    /** Anyone may NOTIFY the channel: a payload that is no reservation id is skipped, not fatal to the batch. */
    private static Optional<ReservationId> reservation(PGNotification n) {
        try {
            return Optional.of(new ReservationId(UUID.fromString(n.getParameter())));
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("ignored a notification on {} that names no reservation: {}", n.getName(), n.getParameter());
            return Optional.empty();
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the listening connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        loop.stop();
        loop.awaitStop(Duration.ofMillis(2L * WAIT_MILLIS + 1000));
    }
}
