package io.msgsvc.jdbc;

import java.util.function.Supplier;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The database servers of {@code -Ptestcontainers}: one container per kind, started on first use and shared by every
 * test class of the JVM (Testcontainers removes them when the JVM ends). Databases on them are created and pooled by
 * {@link TestDatabases}, as on the embedded servers.
 */
final class ContainerDatabases {
    static final String POSTGRES_IMAGE = "postgres:16";
    static final String MARIADB_IMAGE = "mariadb:11.4";
    static final String MYSQL_IMAGE = "mysql:8.4";

    private static final Object LOCK = new Object();
    private static JdbcServer postgres;
    private static JdbcServer postgresDurable;
    private static JdbcServer mariadb;
    private static JdbcServer mysql;

    private ContainerDatabases() {}

    /** postgres:16 with the embedded server's fast settings (no fsync, asynchronous commits). */
    static JdbcServer postgres() {
        synchronized (LOCK) {
            if (postgres == null) {
                postgres = postgresServer(false);
            }
            return postgres;
        }
    }

    /** A second postgres:16 that commits durably, for the tests that measure real commit costs. */
    static JdbcServer postgresDurable() {
        synchronized (LOCK) {
            if (postgresDurable == null) {
                postgresDurable = postgresServer(true);
            }
            return postgresDurable;
        }
    }

    static JdbcServer mariadb() {
        synchronized (LOCK) {
            if (mariadb == null) {
                MariaDBContainer<?> server =
                        start("MariaDB", () -> new MariaDBContainer<>(MARIADB_IMAGE).withUsername("root"));
                mariadb = new JdbcServer(
                        "jdbc:mariadb://" + server.getHost() + ":" + server.getMappedPort(3306) + "/",
                        "",
                        server.getUsername(),
                        server.getPassword(),
                        "");
            }
            return mariadb;
        }
    }

    /** MySQL 8 (the 8.4 long-term release), reached through MySQL's own driver as a host on MySQL would. */
    static JdbcServer mysql() {
        synchronized (LOCK) {
            if (mysql == null) {
                MySQLContainer<?> server =
                        start("MySQL 8", () -> new MySQLContainer<>(MYSQL_IMAGE).withUsername("root"));
                mysql = new JdbcServer(
                        "jdbc:mysql://" + server.getHost() + ":" + server.getMappedPort(3306) + "/",
                        // MySQL 8 authenticates with caching_sha2_password, which over plain text needs the key
                        "?useSSL=false&allowPublicKeyRetrieval=true",
                        server.getUsername(),
                        server.getPassword(),
                        "");
            }
            return mysql;
        }
    }

    private static JdbcServer postgresServer(boolean durable) {
        String[] settings = durable
                ? new String[] {"fsync=on", "synchronous_commit=on", "full_page_writes=on"}
                : new String[] {"fsync=off", "synchronous_commit=off", "full_page_writes=off"};
        PostgreSQLContainer<?> server = start("PostgreSQL" + (durable ? " (durable)" : ""), () -> {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(POSTGRES_IMAGE);
            // the embedded server's limit: every test class opens pools of its own
            container.withCommand(
                    "postgres", "-c", settings[0], "-c", settings[1], "-c", settings[2], "-c", "max_connections=300");
            return container;
        });
        return new JdbcServer(
                "jdbc:postgresql://" + server.getHost() + ":" + server.getMappedPort(5432) + "/",
                "",
                server.getUsername(),
                server.getPassword(),
                "postgres");
    }

    private static <C extends JdbcDatabaseContainer<?>> C start(String kind, Supplier<C> container) {
        TestServers.requireDocker();
        C server = container.get();
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the " + kind + " container did not start", e);
        }
    }
}
