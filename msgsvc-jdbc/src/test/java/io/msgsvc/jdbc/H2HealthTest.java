package io.msgsvc.jdbc;

import javax.sql.DataSource;

class H2HealthTest extends JdbcHealthContract {
    @Override
    DataSource newDatabase() {
        return TestDatabases.h2();
    }
}
