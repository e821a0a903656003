package io.msgsvc.benchmarks;

import io.msgsvc.benchmarks.PostgresServers.Durability;
import io.msgsvc.benchmarks.Rows.Row;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * msgsvc against db-scheduler and a raw JDBC floor, on the same embedded PostgreSQL, in one run: drain throughput,
 * scheduling latency, dashboard freshness, one big reservation in a small heap, and 1 to 3 engines on one
 * database. Prints a table and writes {@code target/benchmarks.md}, {@code target/benchmarks.csv} and the plots
 * {@code results/throughput.png} and {@code results/latency.png} (relative to the module directory).
 *
 * <p>Run: {@code mvn -B -ntp -q install -DskipTests && mvn -B -ntp -q -pl msgsvc-benchmarks exec:java}
 * (quick mode), {@code -Dexec.args="--full"} for the full scale. Options: see {@link Options}.
 */
public final class BenchmarkMain {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int code = 0;
        try {
            if (args.length == 2 && args[0].equals("--charts-from")) {
                chartsFrom(
                        args[1],
                        Path.of(System.getProperty("benchmarks.dir", "msgsvc-benchmarks"))
                                .resolve("results"));
                System.exit(0);
            }
            Options o = Options.parse(args);
            new BenchmarkMain().run(o);
        } catch (Throwable t) {
            t.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private void run(Options o) throws Exception {
        Path dir = Path.of(System.getProperty("benchmarks.dir", "msgsvc-benchmarks"));
        String machine = machine();
        String started = Instant.now().toString();
        System.out.println("msgsvc benchmarks, " + started);
        System.out.println(machine);
        System.out.println("options: " + o.describe());
        try (PostgresServers servers = new PostgresServers()) {
            if (o.drain) {
                for (Durability d : o.modes) {
                    drain(servers, d, o);
                }
            }
            if (o.latency) {
                latency(servers, o);
            }
            if (o.big) {
                big(servers, o);
            }
            if (o.scale) {
                scale(servers, o);
            }
        }
        String loadAfter = uptime();
        String table = Rows.markdown(rows);
        System.out.println();
        System.out.println(table);
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        StringBuilder md = new StringBuilder();
        md.append("# msgsvc benchmark results\n\nstarted ")
                .append(started)
                .append(", finished ")
                .append(Instant.now())
                .append("\n\n```\n")
                .append(machine)
                .append("\nload at the end: ")
                .append(loadAfter)
                .append("\noptions: ")
                .append(o.describe())
                .append("\n```\n\n")
                .append(table)
                .append('\n');
        for (String n : notes) {
            md.append("- ").append(n).append('\n');
        }
        Files.writeString(target.resolve("benchmarks.md"), md.toString());
        Files.writeString(target.resolve("benchmarks.csv"), Rows.csv(rows));
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        Charts.draw(rows, results);
        System.out.println("wrote " + target.resolve("benchmarks.md") + ", " + target.resolve("benchmarks.csv")
                + " and the plots in " + results);
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    /** msgsvc with {@code isolateChannelCalls(true)}: every call of the no-op channel on a thread of its own. */
    static final String MSGSVC_ISOLATED = "msgsvc, isolated channel calls";

    /** Returns msgsvc's drain rate. */
    private double drainMsgsvc(
            PostgresServers servers,
            Durability d,
            Options o,
            String name,
            boolean isolate,
            double dbsRate,
            double rawRate)
            throws Exception {
        int n = o.deliveries;
        String setting = d.shortName();
        boolean configured = o.isolateChannelCalls;
        o.isolateChannelCalls = isolate;
        MsgsvcDrain.Result ms;
        try {
            ms = MsgsvcDrain.run(servers.newDatabase(d), n, 1, o);
        } finally {
            o.isolateChannelCalls = configured;
        }
        System.out.printf(
                Locale.ROOT,
                "  %-17s %10.0f deliveries/s  (%.2f s; billed %d, counted %d, %d duplicates; %s)%n",
                isolate ? "msgsvc, isolated" : "msgsvc",
                ms.rate(),
                ms.seconds(),
                ms.billed(),
                ms.statisticsSent(),
                ms.duplicates(),
                ms.cpu().perItem(n));
        check(
                ms.billed() == n && ms.statisticsSent() == n && ms.distinctDeliveries() == n && ms.duplicates() == 0,
                name + " drain (" + setting + ") incomplete or duplicated: " + ms);
        rows.add(new Row("drain", setting, name, "throughput", ms.rate(), "deliveries/s"));
        if (Double.isNaN(dbsRate) || Double.isNaN(rawRate)) {
            return ms.rate();
        }
        rows.add(new Row("drain", setting, name, "x db-scheduler", ms.rate() / dbsRate, "ratio"));
        rows.add(new Row("drain", setting, name, "% of raw floor", 100 * ms.rate() / rawRate, "%"));
        notes.add(String.format(
                Locale.ROOT,
                "Drain, %s: %s drains %.2fx db-scheduler's executions/s and %.1f%% "
                        + "of the raw floor, same database, same run (%,d deliveries).",
                d.label,
                name,
                ms.rate() / dbsRate,
                100 * ms.rate() / rawRate,
                n));
        return ms.rate();
    }

    private void drain(PostgresServers servers, Durability d, Options o) throws Exception {
        int n = o.deliveries;
        String setting = d.shortName();
        System.out.printf(Locale.ROOT, "%n== drain %,d due deliveries, PostgreSQL %s ==%n", n, d.label);
        double rawRate = Double.NaN;
        double dbsRate = Double.NaN;
        if (o.contenders.contains("raw")) {
            RawJdbcDrain.Result raw = RawJdbcDrain.run(servers.newDatabase(d), n, o);
            System.out.printf(
                    Locale.ROOT,
                    "  raw JDBC floor    %10.0f deliveries/s  (%.2f s, %d duplicates)%n",
                    raw.rate(),
                    raw.seconds(),
                    raw.duplicates());
            rawRate = raw.rate();
            rows.add(new Row("drain", setting, "raw JDBC floor", "throughput", raw.rate(), "deliveries/s"));
        }
        if (o.contenders.contains("db-scheduler")) {
            DbSchedulerDrain.Result dbs = DbSchedulerDrain.run(servers.newDatabase(d), n, o);
            System.out.println(dbs.summary());
            dbsRate = dbs.rate();
            rows.add(new Row("drain", setting, "db-scheduler", "throughput", dbs.rate(), "executions/s"));
        }
        double drainRate = o.contenders.contains("msgsvc")
                ? drainMsgsvc(servers, d, o, "msgsvc", false, dbsRate, rawRate)
                : Double.NaN;
        if (o.contenders.contains("msgsvc-isolated")) {
            drainMsgsvc(servers, d, o, MSGSVC_ISOLATED, true, dbsRate, rawRate);
        }
        if (o.contenders.contains("msgsvc-reports")) {
            ReportIngestion.benchmark(servers, d, o, drainRate, rows, notes);
        }
        ChannelBound.benchmarkChosen(servers, d, o, rows, notes);
    }

    private void latency(PostgresServers servers, Options o) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== scheduling latency and dashboard freshness: %,d single-recipient "
                        + "reservations due over %d s, one engine, PostgreSQL durable ==%n",
                o.latencyReservations,
                o.latencyWindowSeconds);
        LatencyBenchmark.Result r = LatencyBenchmark.run(servers.newDatabase(Durability.DURABLE), o);
        System.out.printf(
                Locale.ROOT,
                "  due -> channel call      p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms (n=%d)%n",
                r.schedulingMs().p50(),
                r.schedulingMs().p99(),
                r.schedulingMs().max(),
                r.schedulingMs().count());
        System.out.printf(
                Locale.ROOT,
                "  result -> dashboard told p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms (n=%d)%n",
                r.freshnessMs().p50(),
                r.freshnessMs().p99(),
                r.freshnessMs().max(),
                r.freshnessMs().count());
        System.out.printf(
                Locale.ROOT,
                "  registrations late: %d; registration finished %.1f s before the first due " + "time%n",
                r.registeredLate(),
                r.registrationLeadSeconds());
        for (String scenario : List.of("scheduling latency", "dashboard freshness")) {
            Stats ms = scenario.startsWith("scheduling") ? r.schedulingMs() : r.freshnessMs();
            rows.add(new Row(scenario, "durable", "msgsvc", "p50", ms.p50(), "ms"));
            rows.add(new Row(scenario, "durable", "msgsvc", "p99", ms.p99(), "ms"));
            rows.add(new Row(scenario, "durable", "msgsvc", "max", ms.max(), "ms"));
        }
        notes.add(String.format(
                Locale.ROOT,
                "Latency run: %,d reservations due evenly over %d s (%.0f/s); %d "
                        + "registered after their due time; registrations done %.1f s before the first was due.",
                r.reservations(),
                r.windowSeconds(),
                r.reservations() / (double) r.windowSeconds(),
                r.registeredLate(),
                r.registrationLeadSeconds()));
    }

    private void big(PostgresServers servers, Options o) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== one reservation of %,d recipients, child JVM -Xmx%s, PostgreSQL " + "durable ==%n",
                o.bigRecipients,
                o.bigHeap);
        BigReservation.Result r =
                BigReservation.run(servers.newDatabase(Durability.DURABLE), o.bigRecipients, o.bigHeap);
        String s = "durable -Xmx" + o.bigHeap;
        if (!r.passed()) {
            System.out.println("  FAILED: " + r.failure());
            rows.add(new Row("big reservation", s, "msgsvc", "passed", 0, "bool"));
            notes.add("Big reservation of " + o.bigRecipients + " recipients FAILED in -Xmx" + o.bigHeap + ": "
                    + r.failure());
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "  registered in %.2f s; sent in %.2f s (%,.0f deliveries/s); peak used heap "
                        + "%.0f MB registering, %.0f MB sending (max heap %.0f MB): passed%n",
                r.registerSeconds(),
                r.sendSeconds(),
                r.sendRate(),
                r.peakRegisterMb(),
                r.peakSendMb(),
                r.maxHeapMb());
        rows.add(new Row("big reservation", s, "msgsvc", "registration", r.registerSeconds(), "s"));
        rows.add(new Row("big reservation", s, "msgsvc", "send throughput", r.sendRate(), "deliveries/s"));
        rows.add(new Row("big reservation", s, "msgsvc", "peak heap registering", r.peakRegisterMb(), "MB"));
        rows.add(new Row("big reservation", s, "msgsvc", "peak heap sending", r.peakSendMb(), "MB"));
        rows.add(new Row("big reservation", s, "msgsvc", "passed", 1, "bool"));
    }

    private void scale(PostgresServers servers, Options o) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "%n== 1..%d engines draining %,d deliveries on one database, PostgreSQL " + "durable ==%n",
                o.maxNodes,
                o.scaleDeliveries);
        double one = 0;
        for (int nodes = 1; nodes <= o.maxNodes; nodes++) {
            MsgsvcDrain.Result r =
                    MsgsvcDrain.run(servers.newDatabase(Durability.DURABLE), o.scaleDeliveries, nodes, o);
            if (nodes == 1) {
                one = r.rate();
            }
            long missing = o.scaleDeliveries - r.distinctDeliveries();
            System.out.printf(
                    Locale.ROOT,
                    "  %d engine(s): %10.0f deliveries/s (%.2fx one engine); channel calls %d, "
                            + "duplicates %d, never sent %d, billed %d%n",
                    nodes,
                    r.rate(),
                    r.rate() / one,
                    r.channelCalls(),
                    r.duplicates(),
                    missing,
                    r.billed());
            String s = nodes + " engine" + (nodes == 1 ? "" : "s");
            rows.add(new Row("scale", s, "msgsvc", "throughput", r.rate(), "deliveries/s"));
            rows.add(new Row("scale", s, "msgsvc", "duplicate sends", r.duplicates(), "count"));
            rows.add(new Row("scale", s, "msgsvc", "never sent", missing, "count"));
            check(r.billed() == o.scaleDeliveries, nodes + " engines billed " + r.billed());
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            System.out.println("  CHECK FAILED: " + message);
            notes.add("CHECK FAILED: " + message);
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    /** Re-draws the plots from one or more CSV files this program wrote (e.g. a quick and a full run). */
    private static void chartsFrom(String files, Path results) throws Exception {
        List<Row> rows = Rows.readCsv(files);
        Files.createDirectories(results);
        Charts.draw(rows, results);
        System.out.println(Rows.markdown(rows));
    }

    private static String machine() {
        return "cores: " + Runtime.getRuntime().availableProcessors() + "; memory: " + sh("free -h | sed -n 2p")
                + "\njava: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MB\nload at the start: " + uptime();
    }

    private static String uptime() {
        return sh("uptime");
    }

    private static String sh(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command)
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String out = String.join(" ", r.lines().toList()).trim().replaceAll("\\s+", " ");
                p.waitFor();
                return out;
            }
        } catch (Exception e) {
            return "?";
        }
    }
}
