package io.msgsvc.jdbc;

import javax.sql.DataSource;

class MariaDbHealthTest extends JdbcHealthContract {
    @Override
    DataSource newDatabase() {
        return TestDatabases.mariadb();
    }
}
