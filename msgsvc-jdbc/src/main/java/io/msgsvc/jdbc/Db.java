package io.msgsvc.jdbc;

import io.msgsvc.spi.StorageTx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.JDBCUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: its dialect, its clock, and transactions, which join the host's transaction when the host bound
 * one to the thread with {@link JdbcStorage#inTransaction}.
 */
final class Db {
    private static final Logger log = LoggerFactory.getLogger(Db.class);
    private static final int MAX_TRANSACTION_ATTEMPTS = 5;
    private static final ThreadLocal<Connection> HOST_CONNECTION = new ThreadLocal<>();

    static {
        // jOOQ prints a banner and tips on first use; a library should stay quiet in its host's logs
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    final DataSource dataSource;
    final SQLDialect dialect;
    final DSLContext dsl;
    private final Settings settings;
    /** Statements run without jOOQ, for those written once per delivery or per batch. */
    final PlainJdbc plain;
    /** The statements of every batch of results, rendered once. */
    final BatchStatements statements;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = detect(dataSource);
        // unquoted names: the scripts create them unquoted, and H2 folds those to upper case
        this.settings =
                new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER).withExecuteLogging(false);
        this.dsl = DSL.using(dataSource, dialect, settings);
        // PostgreSQL and H2 have a UUID type; MariaDB/MySQL keep ids as CHAR(36)
        this.plain = new PlainJdbc(
                dialect == SQLDialect.POSTGRES, dialect == SQLDialect.POSTGRES || dialect == SQLDialect.H2);
        this.statements = new BatchStatements(this);
    }

    private static SQLDialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            SQLDialect d = JDBCUtils.dialect(c);
            return switch (d.family()) {
                case POSTGRES, H2, MARIADB, MYSQL -> d.family();
                default ->
                    throw new IllegalArgumentException("msgsvc-jdbc supports PostgreSQL, H2 and MariaDB/MySQL; "
                            + "this database is " + c.getMetaData().getDatabaseProductName());
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database to detect its dialect", e);
        }
    }

    boolean isPostgres() {
        return dialect == SQLDialect.POSTGRES;
    }

    /**
     * Runs {@code work} in one transaction and commits it, retried when the database reports a deadlock, a
     * serialization failure or a unique key another transaction took meanwhile (see {@code Storage.inTransaction}).
     * When the host bound its connection to the thread ({@link JdbcStorage#inTransaction}), {@code work} runs in the
     * host's transaction instead, and the host commits.
     */
    <T> T inTransaction(Function<StorageTx, T> work) {
        Connection host = HOST_CONNECTION.get();
        if (host != null) {
            JdbcTx tx = new JdbcTx(this, DSL.using(host, dialect, settings), true);
            T result = work.apply(tx);
            runAll(tx.end());
            return result;
        }
        for (int attempt = 1; ; attempt++) {
            Committed<T> committed;
            try {
                committed = attempt(work);
            } catch (RuntimeException e) {
                // a conflict may reach here wrapped, by the work's own failure handling
                DataAccessException cause = dataAccessCause(e);
                if (attempt >= MAX_TRANSACTION_ATTEMPTS || cause == null || !isTransient(cause)) {
                    throw e;
                }
                sleepBeforeRetry(attempt);
                continue;
            }
            // outside the retry: nothing that runs after a commit may make the work run again
            runAll(committed.afterCommit());
            return committed.result();
        }
    }

    /** Runs what waited for a commit; one that fails is logged, and the others still run. */
    private static void runAll(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("an action after a commit failed", e);
            }
        }
    }

    private record Committed<T>(T result, List<Runnable> afterCommit) {}

    /** One attempt: commits, or rolls back and throws. Trouble after the commit does not undo it. */
    private <T> Committed<T> attempt(Function<StorageTx, T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("cannot get a connection: " + e.getMessage(), e);
        }
        boolean committed = false;
        JdbcTx tx = new JdbcTx(this, DSL.using(c, dialect, settings), false);
        T result;
        try {
            c.setAutoCommit(false);
            result = work.apply(tx);
            c.commit();
            committed = true;
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw new DataAccessException("transaction failed: " + e.getMessage(), e);
        } catch (Throwable e) { // a checked exception smuggled out of host code must roll back too
            rollbackQuietly(c, e);
            throw e;
        } finally {
            closeAfter(c, committed);
        }
        return new Committed<>(result, tx.end());
    }

    /** Reads outside a transaction (each statement on its own), or on the host's connection when it bound one. */
    <T> T read(Function<DSLContext, T> work) {
        Connection host = HOST_CONNECTION.get();
        return work.apply(host != null ? DSL.using(host, dialect, settings) : dsl);
    }

    static <T> T withHostConnection(Connection connection, Supplier<T> work) {
        Connection previous = HOST_CONNECTION.get();
        HOST_CONNECTION.set(connection);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                HOST_CONNECTION.remove();
            } else {
                HOST_CONNECTION.set(previous);
            }
        }
    }

    private static void closeAfter(Connection c, boolean committed) {
        try (c) {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // after a commit the work stands; after a rollback its own failure is what the caller must see
            log.warn("releasing a connection after a {} transaction failed", committed ? "committed" : "failed", e);
        }
    }

    private static DataAccessException dataAccessCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException dae) {
                return dae;
            }
        }
        return null;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean isTransient(DataAccessException e) {
        String state = e.sqlState();
        // 40001 serialization failure / MySQL deadlock, 40P01 PostgreSQL deadlock; 23505 (23000 on MySQL) a unique
        // key another transaction took meanwhile, which a fresh attempt sees and respects; HYT00 and 90131 H2's lock
        // timeout and concurrent update (a row another transaction held past H2's 2 s lock wait)
        return state != null
                && (state.startsWith("40")
                        || state.equals("23505")
                        || state.equals("23000")
                        || (dialect == SQLDialect.H2 && (state.equals("HYT00") || state.equals("90131"))));
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(5L * attempt); // brief backoff so the two sides of a deadlock do not collide again
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", ie);
        }
    }

    /**
     * The SQL of {@code query} for this database, its parameters as {@code ?} in the order they were given: for a
     * statement every batch runs, rendered once and run with {@link PlainJdbc}, because jOOQ walks
     * a query's tree again on every execution and that cost more than most of these statements.
     */
    String render(Query query) {
        return dsl.render(query);
    }

    /**
     * The rows of {@code table} whose {@code key} is one of {@code keys}, locked in key order, so two batches
     * touching the same rows cannot deadlock: one key (a sender's batch) by {@code lockOne}, the statement
     * {@link BatchStatements#lockOne} rendered once for these columns, several by jOOQ.
     */
    Result<Record> lockRows(
            DSLContext ctx,
            String lockOne,
            Table<?> table,
            List<Field<?>> columns,
            Field<UUID> key,
            Collection<UUID> keys) {
        if (keys.size() == 1) {
            return plain.query(
                    ctx,
                    lockOne,
                    found -> ctx.fetch(found, columns.toArray(Field<?>[]::new)),
                    keys.iterator().next());
        }
        return ctx.select(columns)
                .from(table)
                .where(key.in(keys))
                .orderBy(key)
                .forUpdate()
                .fetch();
    }

    /** One statement alone, several as a batch. */
    static void execute(DSLContext ctx, List<? extends Query> queries) {
        if (queries.size() == 1) {
            queries.get(0).execute();
        } else if (!queries.isEmpty()) {
            ctx.batch(queries).execute();
        }
    }

    /** The database's current time (UTC), so leases do not depend on the nodes' clocks agreeing. */
    Instant now(DSLContext ctx) {
        return switch (dialect) {
            case POSTGRES -> instant(ctx.fetchValue(DSL.field("(clock_timestamp() at time zone 'UTC')", Schema.TIME)));
            case H2 ->
                ctx.fetchValue(DSL.field("CURRENT_TIMESTAMP(6)", SQLDataType.OFFSETDATETIME))
                        .toInstant();
            default -> instant(ctx.fetchValue(DSL.field("UTC_TIMESTAMP(6)", Schema.TIME)));
        };
    }

    /** Texts kept in columns of 1000 characters (details, reasons). */
    static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    static LocalDateTime ts(Instant instant) {
        // from the epoch second with the fixed offset: ofInstant builds the zone's rules again on every call
        return instant == null
                ? null
                : LocalDateTime.ofEpochSecond(
                        instant.getEpochSecond(), instant.getNano() / 1000 * 1000, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
