package io.msgsvc.jdbc;

import io.msgsvc.spi.BackgroundLoop;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN on one connection of its own and run a callback for each NOTIFY, so a reservation stored on one node wakes
 * the schedulers of the others at once. Reconnects after a lost connection. Started only on PostgreSQL.
 */
final class PostgresNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 500;
    /** Do not hammer a database that just refused us. */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onNotify;
    private final BackgroundLoop loop;
    /** Used by the loop's thread only. */
    private Connection connection;

    private PostgresNotifications(DataSource dataSource, String channel, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onNotify = onNotify;
        this.loop = BackgroundLoop.named("msgsvc-pg-listen")
                .backoff(RECONNECT_AFTER, RECONNECT_AFTER)
                .onFailure((e, retryIn) -> log.warn("listening for due times failed; reconnecting", e))
                .onStop(this::disconnect)
                .start(this::listenOnce);
    }

    /** Where registrations and retries announce due times. */
    static final String DUE_CHANNEL = "msgsvc_due";

    /** Wakes the schedulers of other nodes on commit (PostgreSQL); elsewhere they find the work on their poll. */
    static void notifyDueTimes(Db db, DSLContext ctx) {
        if (db.isPostgres()) {
            ctx.fetch("select pg_notify(?, '')", DUE_CHANNEL);
        }
    }

    /** Runs {@code wake} when another node announces a due time (PostgreSQL); elsewhere a handle that does nothing. */
    static AutoCloseable watchDueTimes(Db db, Runnable wake) {
        return db.isPostgres() ? new PostgresNotifications(db.dataSource, DUE_CHANNEL, wake) : () -> {};
    }

    /** Waits up to {@link #WAIT_MILLIS} for notifications, connecting first when needed. */
    private Duration listenOnce() throws SQLException {
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
            }
            var notifications = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                onNotify.run();
            }
            return Duration.ZERO;
        } catch (SQLException e) {
            disconnect();
            throw e;
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
