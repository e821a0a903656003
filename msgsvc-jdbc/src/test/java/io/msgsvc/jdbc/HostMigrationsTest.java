package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.testkit.EngineFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema applied by the host's own migration tool instead of {@code migrate(true)}: its Liquibase including
 * msgsvc's changelog, or its Flyway beside a second one for msgsvc's scripts (history table msgsvc_schema_history).
 * Either way an engine with {@code migrate(false)} then sends and bills (H2, PostgreSQL, and MariaDB for the MySQL
 * scripts).
 */
class HostMigrationsTest {
    private static final Pattern SCRIPT_PATH = Pattern.compile("path=\"io/msgsvc/jdbc/migration/[a-z0-9]+/([^\"]+)\"");

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", (Supplier<DataSource>) TestDatabases::h2),
                Arguments.of("postgresql", (Supplier<DataSource>) TestDatabases::postgres),
                Arguments.of("mysql", (Supplier<DataSource>) TestDatabases::mariadb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHostsLiquibaseAppliesTheChangelogAndTheEngineRunsOnIt(String dialect, Supplier<DataSource> database)
            throws Exception {
        DataSource dataSource = database.get();
        try (Connection connection = dataSource.getConnection()) {
            Liquibase liquibase = new Liquibase(
                    "io/msgsvc/jdbc/liquibase/" + dialect + ".xml",
                    new ClassLoaderResourceAccessor(),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection)));
            liquibase.update("");
            assertThat(liquibase.listUnrunChangeSets(null, null))
                    .as("all applied")
                    .isEmpty();
        }

        assertSendsAndBills(JdbcStorage.builder(dataSource)
                .migrate(false)
                .timeSource(JdbcStorage.TimeSource.ENGINE)
                .build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aHostsFlywayRunsItsOwnScriptsAndMsgsvcsInHistoriesOfTheirOwn(String dialect, Supplier<DataSource> database) {
        DataSource dataSource = database.get();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:host/db")
                .load()
                .migrate();
        Flyway msgsvc = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:io/msgsvc/jdbc/migration/" + dialect)
                .table("msgsvc_schema_history")
                .baselineOnMigrate(true) // the host's own tables are there already
                .baselineVersion("0")
                .load();
        assertThat(msgsvc.migrate().migrationsExecuted)
                .isEqualTo(scripts(dialect).size());

        // migrate(true) on the same database finds every script applied and changes nothing
        assertSendsAndBills(JdbcStorage.builder(dataSource)
                .migrate(true)
                .timeSource(JdbcStorage.TimeSource.ENGINE)
                .build());
        assertThat(msgsvc.info().pending()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2", "mysql"})
    void eachChangelogListsEveryScriptOfItsDialectInVersionOrder(String dialect) throws Exception {
        String changelog;
        try (InputStream in = getClass().getResourceAsStream("/io/msgsvc/jdbc/liquibase/" + dialect + ".xml")) {
            assertThat(in).as("changelog for %s", dialect).isNotNull();
            changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> listed =
                SCRIPT_PATH.matcher(changelog).results().map(m -> m.group(1)).toList();
        assertThat(listed).as("a new script needs its change set").isEqualTo(scripts(dialect));
    }

    /** The dialect's Flyway scripts, in version order. */
    private static List<String> scripts(String dialect) {
        try (Stream<Path> files = Files.list(Path.of(HostMigrationsTest.class
                .getResource("/io/msgsvc/jdbc/migration/" + dialect)
                .toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .sorted(Comparator.comparingInt(HostMigrationsTest::version))
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int version(String script) {
        Matcher m = Pattern.compile("V(\\d+)__.*\\.sql").matcher(script);
        assertThat(m.matches()).as("script name %s", script).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void assertSendsAndBills(JdbcStorage storage) {
        try (EngineFixture f = new EngineFixture(storage, b -> b)) {
            Reservation r = f.msgsvc.reserve(
                    EngineFixture.request("acme", "Hi", "+1", "+2").build());
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            f.msgsvc.reservation("acme", r.id()).reservation().status() == ReservationStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> f.msgsvc.billing("acme").charges() == 2);
        } finally {
            storage.close();
        }
    }
}
