package io.msgsvc.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN on one connection of its own and run a callback for each NOTIFY, so a reservation stored on one node wakes
 * the schedulers of the others at once. Reconnects after a lost connection. Loaded only on PostgreSQL.
 */
final class PostgresNotifications implements AutoCloseable, Runnable {
    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable onNotify;
    private final Thread thread;
    private volatile boolean running = true;

    private PostgresNotifications(DataSource dataSource, String channel, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.onNotify = onNotify;
        this.thread = new Thread(this, "msgsvc-pg-listen");
        thread.setDaemon(true);
    }

    static AutoCloseable listen(DataSource dataSource, String channel, Runnable onNotify) {
        PostgresNotifications n = new PostgresNotifications(dataSource, channel, onNotify);
        n.thread.start();
        return n;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onNotify.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("listening for due times failed; reconnecting", e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // do not hammer a database that just refused us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2 * WAIT_MILLIS + 1000);
    }
}
