package io.msgsvc.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** With -Dbenchmarks.pgStatStatements=true: where the database time of a msgsvc drain goes. */
final class Profiling {
    private Profiling() {}

    static void printTopStatements(DataSource ds, double seconds) {
        String sql = "select calls, rows, total_exec_time, mean_exec_time, "
                + "regexp_replace(left(query, 150), '\\s+', ' ', 'g') from pg_stat_statements "
                + "where dbid = (select oid from pg_database where datname = current_database()) "
                + "order by total_exec_time desc limit 20";
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            System.out.printf(
                    Locale.ROOT, "  pg_stat_statements over the %.1f s drain (execution time only):%n", seconds);
            System.out.printf(Locale.ROOT, "  %9s %9s %10s %9s  %s%n", "calls", "rows", "total ms", "mean ms", "query");
            while (rs.next()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %9d %9d %10.0f %9.3f  %s%n",
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getString(5));
            }
        } catch (Exception e) {
            System.out.println("  pg_stat_statements unavailable: " + e);
        }
        String tables = "select relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, last_autoanalyze, "
                + "last_analyze from pg_stat_user_tables where relname like 'msgsvc_%' order by seq_tup_read desc";
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(tables)) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-22s %9s %12s %9s %9s  %s%n",
                    "table",
                    "seq_scan",
                    "seq_tup_read",
                    "idx_scan",
                    "live",
                    "last (auto)analyze");
            while (rs.next()) {
                System.out.printf(
                        Locale.ROOT,
                        "  %-22s %9d %12d %9d %9d  %s / %s%n",
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7));
            }
        } catch (Exception e) {
            System.out.println("  pg_stat_user_tables: " + e);
        }
        // the applied-event lookup as the projections send it: 500 ids, one consumer
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            StringBuilder ids = new StringBuilder();
            try (ResultSet rs = s.executeQuery("select event_id from msgsvc_applied_event "
                    + "where consumer = 'statistics' order by applied_at desc limit 500")) {
                while (rs.next()) {
                    ids.append(ids.length() == 0 ? "" : ", ")
                            .append("cast('")
                            .append(rs.getString(1))
                            .append("' as uuid)");
                }
            }
            if (ids.length() == 0) {
                System.out.println("  no applied-event records to look up (events projected inline)");
                return;
            }
            try (ResultSet rs = s.executeQuery("explain (analyze, buffers) select event_id from msgsvc_applied_event "
                    + "where consumer = 'statistics' and event_id in (" + ids + ")")) {
                System.out.println("  EXPLAIN of the applied-event lookup (500 ids), statistics as they are now:");
                while (rs.next()) {
                    System.out.println("    " + rs.getString(1));
                }
            }
            // the same lookup as the driver sends it: a prepared statement, every id a text parameter cast to uuid,
            // run as the generic plan PostgreSQL switches to after five executions
            StringBuilder types = new StringBuilder("varchar");
            StringBuilder in = new StringBuilder();
            StringBuilder values = new StringBuilder("'statistics'");
            String[] list = ids.toString().split(", ");
            for (int i = 0; i < list.length; i++) {
                types.append(", text");
                in.append(i == 0 ? "" : ", ").append("cast($").append(i + 2).append(" as uuid)");
                values.append(", ").append(list[i].replace("cast(", "").replace(" as uuid)", ""));
            }
            s.execute("set plan_cache_mode = force_generic_plan");
            s.execute("prepare lookup(" + types + ") as select event_id from msgsvc_applied_event "
                    + "where consumer = $1 and event_id in (" + in + ")");
            try (ResultSet rs = s.executeQuery("explain (analyze) execute lookup(" + values + ")")) {
                System.out.println(
                        "  EXPLAIN of the same lookup as a generic prepared plan (text parameters cast to uuid):");
                while (rs.next()) {
                    String line = rs.getString(1);
                    System.out.println("    " + (line.length() > 160 ? line.substring(0, 160) + "..." : line));
                }
            }
            s.execute("deallocate lookup");
            s.execute("reset plan_cache_mode");
        } catch (Exception e) {
            System.out.println("  explain: " + e);
        }
    }
}
