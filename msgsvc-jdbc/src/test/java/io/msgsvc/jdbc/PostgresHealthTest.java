package io.msgsvc.jdbc;

import javax.sql.DataSource;

class PostgresHealthTest extends JdbcHealthContract {
    @Override
    DataSource newDatabase() {
        return TestDatabases.postgres();
    }
}
