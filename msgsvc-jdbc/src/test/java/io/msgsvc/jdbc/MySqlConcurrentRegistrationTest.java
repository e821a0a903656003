package io.msgsvc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The same concurrent registrations on MySQL 8's InnoDB (-Ptestcontainers only: there is no embedded MySQL). */
@EnabledIfSystemProperty(
        named = TestServers.PROPERTY,
        matches = "testcontainers",
        disabledReason = TestServers.CONTAINERS_ONLY)
class MySqlConcurrentRegistrationTest extends MariaDbConcurrentRegistrationTest {
    @Override
    DataSource database() {
        return TestDatabases.mysql();
    }

    /** MySQL has no Innodb_deadlocks status variable; its InnoDB metrics count them (a counter on by default). */
    @Override
    long deadlocks(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count from information_schema.innodb_metrics where name = 'lock_deadlocks'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
