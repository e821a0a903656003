package io.msgsvc.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.msgsvc.spi.Storage;
import io.msgsvc.testkit.HealthContract;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The health contract on a JDBC database; each dialect's test names its database. */
abstract class JdbcHealthContract extends HealthContract {
    private final Map<Storage, DataSource> databases = new IdentityHashMap<>();

    /** A fresh, empty database of this dialect on its own pool. */
    abstract DataSource newDatabase();

    @Override
    protected Storage newStorage() {
        DataSource database = newDatabase();
        JdbcStorage storage = TestStorages.onEngineTime(database);
        databases.put(storage, database);
        return storage;
    }

    @Override
    protected void release(Storage storage) {
        TestStorages.release(storage);
    }

    /** The database goes away: its pool is closed under the storage. */
    @Override
    protected void cutOff(Storage storage) {
        ((HikariDataSource) databases.get(storage)).close();
    }
}
