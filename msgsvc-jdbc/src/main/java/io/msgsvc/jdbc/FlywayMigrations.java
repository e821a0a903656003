package io.msgsvc.jdbc;

import javax.sql.DataSource;

/**
 * Runs the schema scripts with Flyway, an optional dependency: this class is the only one that names it, so a host
 * that applies the scripts with its own migrations never loads it.
 */
final class FlywayMigrations {
    private static final String FLYWAY = "org.flywaydb.core.Flyway";

    private FlywayMigrations() {}

    static void migrate(DataSource dataSource, String location) {
        try {
            Class.forName(FLYWAY, false, FlywayMigrations.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("migrate(true) needs Flyway on the class path: add org.flywaydb:flyway-core"
                    + " (and flyway-database-postgresql or flyway-mysql for those databases), or apply the scripts in "
                    + location + " with the host's own migrations and build with migrate(false)");
        }
        org.flywaydb.core.Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(JdbcStorage.SCHEMA_HISTORY_TABLE)
                // a schema that already holds the host's tables gets msgsvc's tables beside them
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
