package io.msgsvc.examples;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.examples.SeedScenario.CustomerTotals;
import io.msgsvc.examples.SeedScenario.ReservationOutcome;
import io.msgsvc.examples.SeedScenario.Result;
import io.msgsvc.examples.SeedScenario.Settings;
import io.msgsvc.jdbc.JdbcStorage;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link SeedScenario} against a simulated SMS gateway, stored in an H2 file database (so a run stopped midway
 * is resumed by the next one), shows each reservation's progress live, then prints final statuses, billing and
 * statistics per customer, and checks that every sent SMS was billed once.
 *
 * <p>Options: {@code --seed N}, {@code --transient-rate R}, {@code --permanent-rate R} (rates within [0, 1]),
 * {@code --data DIR} (where the database lives; default {@code ./data}), {@code --in-memory}.
 * Exits with 1 when a reservation did not end in time or a check fails.
 */
public final class PlainExample {
    private static final PrintStream out = System.out;
    private static final int BAR_WIDTH = 20;
    private static final List<String> OPTIONS =
            List.of("--seed", "--transient-rate", "--permanent-rate", "--data", "--in-memory");

    private PlainExample() {}

    public static void main(String[] args) throws InterruptedException {
        Options options = parse(args);
        Result result;
        if (options.dataDir() == null) {
            out.println("Storage: in memory");
            result = runAndShow(options.settings(), new InMemoryStorage());
        } else {
            Path database = options.dataDir().toAbsolutePath().resolve("msgsvc-example");
            out.println("Storage: H2 file " + database + ".mv.db (delete it to start over)");
            try (JdbcStorage storage = JdbcStorage.builder("jdbc:h2:file:" + database, "sa", "")
                    .migrate(true)
                    .build()) {
                result = runAndShow(options.settings(), storage);
            }
        }
        boolean ok = report(result);
        if (!ok) {
            System.exit(1);
        }
    }

    private static Result runAndShow(Settings settings, Storage storage) throws InterruptedException {
        out.printf(
                "Booking %d SMS campaigns for %s (unless an interrupted run left some unfinished); texts over %d "
                        + "characters are rejected.%n%n",
                SeedScenario.campaignCount(), String.join(", ", SeedScenario.CUSTOMERS), SeedScenario.MAX_TEXT_LENGTH);
        return SeedScenario.run(settings, storage, new LiveProgress());
    }

    /** Prints the outcome; false when something is wrong. */
    private static boolean report(Result result) {
        out.println();
        if (result.resumed()) {
            out.println("Resumed " + result.reservations().size() + " reservations an earlier run left unfinished.");
        }
        if (result.finishedInTime()) {
            out.printf(Locale.ROOT, "Every reservation ended after %.1f s.%n", seconds(result.elapsed()));
        } else {
            out.printf(Locale.ROOT, "NOT every reservation ended within %.1f s.%n", seconds(result.elapsed()));
        }

        out.println();
        out.println("Reservations");
        for (ReservationOutcome r : result.reservations()) {
            out.printf(
                    "  %-8s %s  %-22s %-16s %2d recipients: sent %2d (delivered %2d, not %d), failed %2d,"
                            + " cancelled %2d, billed %2d, refunded %d%s%n",
                    r.customerId(),
                    shortId(r.id()),
                    '"' + r.text() + '"',
                    r.status(),
                    r.recipients(),
                    r.sent(),
                    r.delivered(),
                    r.notDelivered(),
                    r.failed(),
                    r.cancelled(),
                    r.billedCharges(),
                    r.refunds(),
                    r.statusReason() == null ? "" : "  (" + r.statusReason() + ")");
        }

        out.println();
        out.println("Billing and statistics per customer (all runs on this storage)");
        for (CustomerTotals c : result.customers()) {
            StatisticsCounters s = c.statistics();
            out.printf(
                    "  %-8s billed %3d charges, refunded %2d, net %4s  |  reservations %d, submitted %3d,"
                            + " delivered %3d, undelivered %2d, expired %2d, no report %2d, failed %3d, rejected %3d,"
                            + " cancelled %3d%n",
                    c.customerId(),
                    c.billing().charges(),
                    c.billing().refunds(),
                    c.billing().net().stripTrailingZeros().toPlainString(),
                    s.reservations(),
                    s.submitted(),
                    s.delivered(),
                    s.undelivered(),
                    s.expired(),
                    s.unknown(),
                    s.failed(),
                    s.rejected(),
                    s.cancelled());
        }

        out.println();
        out.printf("Gateway: %d calls, %d SMS delivered%n", result.gatewayCalls(), result.deliveredByGateway());
        boolean billedOnce = result.billingMatchesSent();
        out.printf(
                "Check: billed charges %d == sent %d: %s%n",
                result.totalBilledCharges(), result.totalSent(), billedOnce ? "OK" : "MISMATCH");
        // a resumed run's gateway did not see what the earlier run had sent already
        boolean deliveredOnce = result.resumed() || result.deliveredByGateway() == result.totalSent();
        if (!result.resumed()) {
            out.printf(
                    "Check: SMS delivered %d == sent %d: %s%n",
                    result.deliveredByGateway(), result.totalSent(), deliveredOnce ? "OK" : "MISMATCH");
        }
        return result.finishedInTime() && billedOnce && deliveredOnce;
    }

    /**
     * Redraws the rows in place on a terminal; elsewhere (a pipe, a log) prints a block now and then instead,
     * so the output stays short.
     */
    private static final class LiveProgress implements SeedScenario.ProgressListener {
        private static final int MAX_BLOCKS = 15;
        private static final Duration BLOCK_INTERVAL = Duration.ofSeconds(1);

        private final boolean redrawInPlace = System.console() != null;
        private int linesOnScreen;
        private int blocksPrinted;
        private Duration nextBlockAt = Duration.ZERO;

        @Override
        public void onTick(Duration elapsed, List<DashboardView> rows) {
            boolean allEnded = rows.stream().allMatch(row -> row.status().isTerminal());
            if (redrawInPlace) {
                if (linesOnScreen > 0) {
                    out.print("\033[" + linesOnScreen + "A");
                }
                for (DashboardView row : rows) {
                    out.print("\r" + progressLine(row) + "\033[K\n");
                }
                linesOnScreen = rows.size();
            } else if (allEnded || (!elapsed.minus(nextBlockAt).isNegative() && blocksPrinted < MAX_BLOCKS - 1)) {
                // the last block is kept for the final state
                out.printf(Locale.ROOT, "t=%.1fs%n", seconds(elapsed));
                rows.forEach(row -> out.println(progressLine(row)));
                blocksPrinted++;
                nextBlockAt = elapsed.plus(BLOCK_INTERVAL);
            }
            out.flush();
        }
    }

    static String progressLine(DashboardView row) {
        int percent = row.progressPercent();
        int filled = percent * BAR_WIDTH / 100;
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        return String.format(
                "%-8s %s  [%s] %3d%%  sent %2d awaiting report %2d delivered %2d failed %2d pending %2d  %s",
                row.customerId(),
                shortId(row.reservationId()),
                bar,
                percent,
                row.sent(),
                row.awaiting(),
                row.delivered(),
                row.failed() + row.undelivered(),
                row.pending(),
                row.status());
    }

    private static String shortId(ReservationId id) {
        return id.toString().substring(0, 4) + "..";
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** @param dataDir where the H2 database lives, or null to run in memory */
    private record Options(Settings settings, Path dataDir) {}

    private static Options parse(String[] args) {
        Settings settings = Settings.defaults();
        Path dataDir = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            try {
                if (!OPTIONS.contains(option)) {
                    throw new IllegalArgumentException("unknown option " + option);
                }
                if (option.equals("--in-memory")) {
                    dataDir = null;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--seed" -> settings = settings.withSeed(Long.parseLong(value));
                    case "--transient-rate" ->
                        settings =
                                settings.withFailureRates(settings.permanentFailureRate(), Double.parseDouble(value));
                    case "--permanent-rate" ->
                        settings =
                                settings.withFailureRates(Double.parseDouble(value), settings.transientFailureRate());
                    case "--data" -> dataDir = Path.of(value);
                    default -> throw new IllegalStateException("option listed but not handled: " + option);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.err.println("usage: PlainExample [--seed N] [--transient-rate R] [--permanent-rate R] "
                        + "[--data DIR | --in-memory]");
                System.exit(2);
            }
        }
        return new Options(settings, dataDir);
    }
}
