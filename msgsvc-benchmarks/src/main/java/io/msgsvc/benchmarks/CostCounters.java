package io.msgsvc.benchmarks;

import io.msgsvc.kafka.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * What a drain costs, read as the difference of server counters before and after it: PostgreSQL's
 * {@code pg_stat_database} (transactions committed, rows inserted, updated and deleted) and, with
 * {@code -Dbenchmarks.pgStatStatements=true}, the statements executed ({@code pg_stat_statements}); and the bytes
 * the broker stored for the events topic and for the consumer groups' offsets; and the CPU time this JVM and the
 * PostgreSQL servers used ({@link CpuTime}).
 */
final class CostCounters {
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    /** Backends report their counters to the cumulative statistics at most about once a second. */
    private static final long STATS_SETTLE_MILLIS = 1_500;

    record Cost(
            long commits,
            long inserted,
            long updated,
            long deleted,
            long statements,
            long topicBytes,
            long offsetBytes,
            long jvmCpuNanos,
            long postgresCpuNanos) {
        String describe(int deliveries) {
            double n = deliveries;
            return String.format(
                    Locale.ROOT,
                    "%.3f commits, %s statements, %.2f rows written (%.2f inserted, %.2f updated, %.2f deleted),"
                            + " %.0f event bytes + %.1f offset bytes on the broker; CPU %s µs in the JVM (engines and"
                            + " broker), %s µs in PostgreSQL",
                    commits / n,
                    statements < 0 ? "?" : String.format(Locale.ROOT, "%.3f", statements / n),
                    (inserted + updated + deleted) / n,
                    inserted / n,
                    updated / n,
                    deleted / n,
                    topicBytes / n,
                    offsetBytes / n,
                    micros(jvmCpuNanos, n),
                    micros(postgresCpuNanos, n));
        }

        private static String micros(long nanos, double deliveries) {
            return nanos < 0 ? "?" : String.format(Locale.ROOT, "%.1f", nanos / 1_000.0 / deliveries);
        }
    }

    private final DataSource db;
    private final TestKafka kafka;
    private final String topic;
    private final Cost before;

    CostCounters(DataSource db, TestKafka kafka, String topic) {
        this.db = db;
        this.kafka = kafka;
        this.topic = topic;
        if (Boolean.getBoolean("benchmarks.pgStatStatements")) {
            // Profiling reads the drain's own statements
            PostgresServers.execute(
                    db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "SELECT pg_stat_statements_reset()");
        }
        this.before = snapshot();
    }

    /** The counters' growth since this was made. */
    Cost read() {
        Cost after = snapshot();
        return new Cost(
                after.commits - before.commits,
                after.inserted - before.inserted,
                after.updated - before.updated,
                after.deleted - before.deleted,
                after.statements < 0 ? -1 : after.statements - before.statements,
                after.topicBytes - before.topicBytes,
                after.offsetBytes - before.offsetBytes,
                after.jvmCpuNanos < 0 ? -1 : after.jvmCpuNanos - before.jvmCpuNanos,
                after.postgresCpuNanos < 0 ? -1 : after.postgresCpuNanos - before.postgresCpuNanos);
    }

    private Cost snapshot() {
        try {
            Thread.sleep(STATS_SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            long commits;
            long inserted;
            long updated;
            long deleted;
            try (ResultSet rs = s.executeQuery("select xact_commit, tup_inserted, tup_updated, tup_deleted "
                    + "from pg_stat_database where datname = current_database()")) {
                rs.next();
                commits = rs.getLong(1);
                inserted = rs.getLong(2);
                updated = rs.getLong(3);
                deleted = rs.getLong(4);
            }
            long statements = statements(s);
            long[] bytes = brokerBytes();
            return new Cost(
                    commits,
                    inserted,
                    updated,
                    deleted,
                    statements,
                    bytes[0],
                    bytes[1],
                    CpuTime.jvmNanos(),
                    CpuTime.postgresNanos());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database", e);
        }
    }

    private static long statements(Statement s) {
        if (!Boolean.getBoolean("benchmarks.pgStatStatements")) {
            return -1;
        }
        try {
            try (ResultSet rs = s.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements "
                    + "where dbid = (select oid from pg_database where datname = current_database())")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Bytes on the broker's disks: {events topic, consumer offsets}; zero without a broker. */
    private long[] brokerBytes() {
        if (kafka == null) {
            return new long[] {0, 0};
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        long[] bytes = new long[2];
        try (Admin admin = Admin.create(props)) {
            Map<Integer, Map<String, LogDirDescription>> dirs =
                    admin.describeLogDirs(kafka.brokerIds()).allDescriptions().get(30, TimeUnit.SECONDS);
            dirs.values()
                    .forEach(byDir -> byDir.values()
                            .forEach(dir -> dir.replicaInfos().forEach((tp, replica) -> {
                                if (tp.topic().equals(topic)) {
                                    bytes[0] += replica.size();
                                } else if (tp.topic().equals(OFFSETS_TOPIC)) {
                                    bytes[1] += replica.size();
                                }
                            })));
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's log sizes", e);
        }
    }
}
