package io.msgsvc.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The JdbcHealthContract on MySQL 8 (-Ptestcontainers only: there is no embedded MySQL). */
@EnabledIfSystemProperty(
        named = TestServers.PROPERTY,
        matches = "testcontainers",
        disabledReason = TestServers.CONTAINERS_ONLY)
class MySqlHealthTest extends JdbcHealthContract {
    @Override
    DataSource newDatabase() {
        return TestDatabases.mysql();
    }
}
