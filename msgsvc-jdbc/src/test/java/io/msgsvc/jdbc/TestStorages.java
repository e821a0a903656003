package io.msgsvc.jdbc;

import io.msgsvc.spi.Storage;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;

/** Storage on a fresh database of each kind, schema applied by the storage itself. */
public final class TestStorages {
    private TestStorages() {}

    private static final Map<Storage, DataSource> POOLS = Collections.synchronizedMap(new WeakHashMap<>());

    public static JdbcStorage on(DataSource dataSource) {
        return on(dataSource, JdbcStorage.TimeSource.DATABASE);
    }

    /** The contract suites drive time with a ManualClock, so there the engine's clock must rule. */
    public static JdbcStorage onEngineTime(DataSource dataSource) {
        return on(dataSource, JdbcStorage.TimeSource.ENGINE);
    }

    private static JdbcStorage on(DataSource dataSource, JdbcStorage.TimeSource time) {
        JdbcStorage storage = JdbcStorage.builder(dataSource)
                .migrate(true)
                .cleanupInterval(null)
                .timeSource(time)
                .build();
        POOLS.put(storage, dataSource);
        return storage;
    }

    /** Closes the storage and its pool, so a long test run does not use up the server's connections. */
    public static void release(Storage storage) {
        ((JdbcStorage) storage).close();
        if (POOLS.remove(storage) instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static JdbcStorage h2() {
        return onEngineTime(TestDatabases.h2());
    }

    public static JdbcStorage postgres() {
        return onEngineTime(TestDatabases.postgres());
    }

    public static JdbcStorage mariadb() {
        return onEngineTime(TestDatabases.mariadb());
    }

    public static JdbcStorage mysql() {
        return onEngineTime(TestDatabases.mysql());
    }
}
