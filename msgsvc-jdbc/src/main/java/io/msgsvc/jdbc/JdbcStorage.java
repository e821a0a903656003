package io.msgsvc.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.jdbc.Schema.AppliedEventTable;
import io.msgsvc.jdbc.Schema.OutboxTable;
import io.msgsvc.jdbc.Schema.RateBucketTable;
import io.msgsvc.spi.AppliedPositions;
import io.msgsvc.spi.BackgroundLoop;
import io.msgsvc.spi.BillingLedger;
import io.msgsvc.spi.DashboardStore;
import io.msgsvc.spi.DeliveryReports;
import io.msgsvc.spi.DispatchQueue;
import io.msgsvc.spi.OptOuts;
import io.msgsvc.spi.Outbox;
import io.msgsvc.spi.Registrations;
import io.msgsvc.spi.SendingPermits;
import io.msgsvc.spi.StatisticsStore;
import io.msgsvc.spi.StatusStore;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable storage on PostgreSQL, H2 2.x or MariaDB/MySQL (detected from the connection). Several engines on
 * several nodes may share one database.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder(dataSource).migrate(true).build();
 * Msgsvc msgsvc = Msgsvc.builder().storage(storage).channel(sms).build().start();
 * }</pre>
 *
 * <p>The schema ships as Flyway scripts in {@code classpath:io/msgsvc/jdbc/migration/{postgresql,h2,mysql}}
 * (history table {@code msgsvc_schema_history}); apply them with the host's migrations (its own Flyway, or
 * Liquibase's {@code sqlFile} changes in version order) or let {@link Builder#migrate(boolean)} run them on build,
 * which needs Flyway on the class path ({@code flyway-core}, and {@code flyway-database-postgresql} or
 * {@code flyway-mysql} for those databases): msgsvc-jdbc does not bring it, so a Spring Boot host's own Flyway
 * auto-configuration stays off unless the host asks for Flyway.
 */
public final class JdbcStorage implements Storage, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcStorage.class);
    /** The Flyway history table of msgsvc's schema, apart from the host's own {@code flyway_schema_history}. */
    public static final String SCHEMA_HISTORY_TABLE = "msgsvc_schema_history";

    /** Which clock decides when a reservation is due and when a lease runs out. */
    public enum TimeSource {
        /** The database's: one clock for every node, whatever their own clocks say (the default). */
        DATABASE,
        /** The engine's {@code Clock}: for tests on a {@code ManualClock}, or a single node. */
        ENGINE
    }

    private final Db db;
    private final Registrations registrations;
    private final DispatchQueue dispatchQueue;
    private final DeliveryReports deliveryReports;
    private final Outbox outbox;
    private final StatusStore statuses;
    private final BillingLedger billing;
    private final StatisticsStore statistics;
    private final DashboardStore dashboard;
    private final SendingPermits sendingPermits;
    private final OptOuts optOuts;
    private final Optional<AppliedPositions> appliedPositions;
    private final Duration retention;
    private final HikariDataSource ownedPool;
    private final BackgroundLoop cleaner;

    private JdbcStorage(Builder b) {
        this.db = new Db(b.dataSource);
        this.ownedPool = b.ownedPool;
        this.retention = b.retention;
        if (b.migrate) {
            migrate(b.dataSource, db);
        }
        Cache<ReservationId, Reservation> reservationCache = Caffeine.newBuilder()
                .maximumSize(b.cacheSize)
                .expireAfter(new FreshFor<ReservationId, Reservation>(
                        b.cacheTtl, r -> r.status().isTerminal()))
                .build();
        Cache<ReservationId, DashboardView> dashboardCache = Caffeine.newBuilder()
                .maximumSize(b.cacheSize)
                .expireAfter(new FreshFor<ReservationId, DashboardView>(
                        b.cacheTtl, v -> v.status() != null && v.status().isTerminal()))
                .build();
        this.registrations = new JdbcRegistrations(db, reservationCache);
        this.dispatchQueue = new JdbcDispatchQueue(db, b.timeSource, reservationCache);
        this.deliveryReports = new JdbcDeliveryReports(db, b.timeSource);
        this.outbox = new JdbcOutbox(db);
        this.statuses = new JdbcStatusStore(db, reservationCache);
        this.billing = new JdbcBillingLedger(db);
        this.statistics = new JdbcStatisticsStore(db);
        this.dashboard = new JdbcDashboardStore(db, dashboardCache);
        this.sendingPermits = new JdbcSendingPermits(db);
        this.optOuts = new JdbcOptOuts(db);
        this.appliedPositions = db.isPostgres() ? Optional.of(new JdbcAppliedPositions(db)) : Optional.empty();
        Duration every = b.cleanupInterval;
        this.cleaner = every == null
                ? null
                : BackgroundLoop.named("msgsvc-jdbc-cleanup")
                        .firstRunAfter(every)
                        .backoff(every, every)
                        .onFailure((e, retryIn) ->
                                log.warn("retention cleanup failed; trying again at the next interval", e))
                        .start(() -> {
                            log.debug("retention cleanup deleted {} rows", cleanUp());
                            return every;
                        });
    }

    /**
     * {@return a builder of storage on the host's data source}, which the host keeps and closes
     *
     * @param dataSource the database
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /**
     * {@return a builder of storage on a HikariCP pool of its own} (16 connections), closed with this storage
     *
     * @param jdbcUrl  the database's JDBC URL
     * @param user     the user name, or null
     * @param password the password, or null
     */
    public static Builder builder(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("msgsvc");
        config.setMaximumPoolSize(16);
        HikariDataSource pool = new HikariDataSource(config);
        return new Builder(pool, pool);
    }

    /** {@return the database family in use: POSTGRES, H2, MARIADB or MYSQL} */
    public String dialect() {
        return db.dialect.name();
    }

    /**
     * Runs {@code work} so that msgsvc writes on the host's {@code connection}, inside the host's transaction: a
     * reservation registered in {@code work} commits or rolls back with the host's own data. The host commits.
     *
     * @param <T>        what {@code work} returns
     * @param connection the host's connection, in its transaction
     * @param work       the work that calls msgsvc
     * @return what {@code work} returned
     */
    public <T> T inTransaction(Connection connection, Supplier<T> work) {
        return Db.withHostConnection(Objects.requireNonNull(connection, "connection"), work);
    }

    @Override
    public <T> T inTransaction(Function<StorageTx, T> work) {
        return db.inTransaction(Objects.requireNonNull(work, "work"));
    }

    /** Applies the schema scripts that are not applied yet. */
    public void migrate() {
        migrate(db.dataSource, db);
    }

    private static void migrate(DataSource dataSource, Db db) {
        String folder = switch (db.dialect) {
            case POSTGRES -> "postgresql";
            case H2 -> "h2";
            default -> "mysql";
        };
        FlywayMigrations.migrate(dataSource, "classpath:io/msgsvc/jdbc/migration/" + folder);
    }

    /**
     * Deletes published outbox rows, applied-event records and applied positions older than the retention, and
     * sending-speed buckets
     * untouched for a day. An event redelivered after
     * its record is gone would be applied again, so keep the retention longer than any redelivery can lag.
     *
     * @return rows deleted
     */
    public int cleanUp() {
        return db.inTransaction(tx -> {
            DSLContext ctx = JdbcTx.ctx(tx, db);
            var cutoff = Db.ts(db.now(ctx).minus(retention));
            int outbox = ctx.deleteFrom(OutboxTable.T)
                    .where(OutboxTable.PUBLISHED_AT.lt(cutoff))
                    .execute();
            int applied = ctx.deleteFrom(AppliedEventTable.T)
                    .where(AppliedEventTable.APPLIED_AT.lt(cutoff))
                    .execute();
            int positions = appliedPositions.isPresent() ? JdbcAppliedPositions.deleteOlderThan(ctx, cutoff) : 0;
            // a bucket untouched for a day is full again: made afresh, it starts the same
            int buckets = ctx.deleteFrom(RateBucketTable.T)
                    .where(RateBucketTable.UPDATED_AT.lt(Db.ts(db.now(ctx).minus(Duration.ofDays(1)))))
                    .execute();
            return outbox + applied + positions + buckets;
        });
    }

    @Override
    public Registrations registrations() {
        return registrations;
    }

    @Override
    public DeliveryReports deliveryReports() {
        return deliveryReports;
    }

    @Override
    public DispatchQueue dispatchQueue() {
        return dispatchQueue;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public StatusStore statuses() {
        return statuses;
    }

    @Override
    public BillingLedger billing() {
        return billing;
    }

    @Override
    public StatisticsStore statistics() {
        return statistics;
    }

    @Override
    public DashboardStore dashboard() {
        return dashboard;
    }

    @Override
    public SendingPermits sendingPermits() {
        return sendingPermits;
    }

    @Override
    public OptOuts optOuts() {
        return optOuts;
    }

    /** On PostgreSQL, whose outbox appends take turns per reservation; elsewhere each event applied is recorded. */
    @Override
    public Optional<AppliedPositions> appliedPositions() {
        return appliedPositions;
    }

    /** Stops the cleanup and closes the pool if this storage made it. A host's own DataSource stays open. */
    @Override
    public void close() {
        if (cleaner != null) {
            cleaner.stop();
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    /** Configures a {@link JdbcStorage}; the storage built keeps its own copy of the settings. */
    public static final class Builder {
        private final DataSource dataSource;
        private final HikariDataSource ownedPool;
        private boolean migrate;
        private Duration cacheTtl = Duration.ofMillis(500);
        private long cacheSize = 10_000;
        private Duration retention = Duration.ofDays(7);
        private Duration cleanupInterval = Duration.ofHours(1);
        private TimeSource timeSource = TimeSource.DATABASE;

        private Builder(DataSource dataSource, HikariDataSource ownedPool) {
            this.dataSource = dataSource;
            this.ownedPool = ownedPool;
        }

        /**
         * Apply the schema scripts on build (off by default: many hosts run their own migrations).
         *
         * @param migrate true to migrate on build
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * How long a cached reservation or dashboard row that is still in progress may be served; default 500 ms.
         * This node's projections update the cache at once; the TTL bounds how stale a row changed by another node
         * can be. Ended reservations stay cached for 10 minutes.
         *
         * @param ttl 0 or more
         * @return this builder
         */
        public Builder cacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("cacheTtl must be >= 0");
            }
            this.cacheTtl = ttl;
            return this;
        }

        /**
         * Most reservations and dashboard rows cached, each; default 10 000. 0 disables caching.
         *
         * @param size 0 or more
         * @return this builder
         */
        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cacheSize must be >= 0, was " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * How long published outbox rows and applied-event records are kept; default 7 days.
         *
         * @param retention 0 or more
         * @return this builder
         */
        public Builder retention(Duration retention) {
            if (retention == null || retention.isNegative()) {
                throw new IllegalArgumentException("retention must be >= 0");
            }
            this.retention = retention;
            return this;
        }

        /**
         * How often the retention cleanup runs; default hourly; null turns it off (call cleanUp() yourself).
         *
         * @param interval positive, or null
         * @return this builder
         */
        public Builder cleanupInterval(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("cleanupInterval must be positive");
            }
            this.cleanupInterval = interval;
            return this;
        }

        /**
         * Whose clock schedules and leases: the database's (default) or the engine's.
         *
         * @param source the clock's owner
         * @return this builder
         */
        public Builder timeSource(TimeSource source) {
            this.timeSource = Objects.requireNonNull(source, "timeSource");
            return this;
        }

        /**
         * Builds the storage, migrating first if asked; on failure a pool of its own is closed again.
         *
         * @return the storage
         */
        public JdbcStorage build() {
            try {
                return new JdbcStorage(this);
            } catch (RuntimeException e) {
                if (ownedPool != null) {
                    ownedPool.close();
                }
                throw e;
            }
        }
    }
}
