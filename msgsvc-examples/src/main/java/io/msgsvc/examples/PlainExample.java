package io.msgsvc.examples;

import io.msgsvc.api.DashboardView;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.examples.SeedScenario.CustomerTotals;
import io.msgsvc.examples.SeedScenario.ReservationOutcome;
import io.msgsvc.examples.SeedScenario.Result;
import io.msgsvc.examples.SeedScenario.Settings;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link SeedScenario} in memory against a simulated SMS gateway, shows each reservation's progress live, then
 * prints final statuses, billing and statistics per customer, and checks that every sent SMS was billed once.
 *
 * <p>Options: {@code --seed N}, {@code --transient-rate R}, {@code --permanent-rate R} (rates within [0, 1]).
 * Exits with 1 when a reservation did not end in time or a check fails.
 */
public final class PlainExample {
    private static final PrintStream out = System.out;
    private static final int BAR_WIDTH = 20;
    private static final List<String> OPTIONS = List.of("--seed", "--transient-rate", "--permanent-rate");

    private PlainExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = parse(args);
        out.printf("Booking %d SMS campaigns for %s; texts over %d characters are rejected.%n%n",
                SeedScenario.campaignCount(), String.join(", ", SeedScenario.CUSTOMERS), SeedScenario.MAX_TEXT_LENGTH);

        Result result = SeedScenario.run(settings, new LiveProgress());

        boolean ok = report(result);
        if (!ok) {
            System.exit(1);
        }
    }

    /** Prints the outcome; false when something is wrong. */
    private static boolean report(Result result) {
        out.println();
        if (result.finishedInTime()) {
            out.printf(Locale.ROOT, "Every reservation ended after %.1f s.%n", seconds(result.elapsed()));
        } else {
            out.printf(Locale.ROOT, "NOT every reservation ended within %.1f s.%n", seconds(result.elapsed()));
        }

        out.println();
        out.println("Reservations");
        for (ReservationOutcome r : result.reservations()) {
            out.printf("  %-8s %s  %-22s %-16s %2d recipients: sent %2d, failed %2d, cancelled %2d, billed %2d%s%n",
                    r.customerId(), shortId(r.id()), '"' + r.text() + '"', r.status(), r.recipients(), r.sent(),
                    r.failed(), r.cancelled(), r.billedCharges(),
                    r.statusReason() == null ? "" : "  (" + r.statusReason() + ")");
        }

        out.println();
        out.println("Billing and statistics per customer");
        for (CustomerTotals c : result.customers()) {
            StatisticsCounters s = c.statistics();
            out.printf("  %-8s billed %3d charges, amount %4s  |  reservations %d, sent %3d, failed %3d, "
                            + "rejected %3d, cancelled %3d%n",
                    c.customerId(), c.billing().charges(), c.billing().amount().toPlainString(), s.reservations(),
                    s.sent(), s.failed(), s.rejected(), s.cancelled());
        }

        out.println();
        out.printf("Gateway: %d calls, %d SMS delivered%n", result.gatewayCalls(), result.deliveredByGateway());
        boolean billedOnce = result.billingMatchesSent();
        boolean deliveredOnce = result.deliveredByGateway() == result.totalSent();
        out.printf("Check: billed charges %d == sent %d: %s%n", result.totalBilledCharges(), result.totalSent(),
                billedOnce ? "OK" : "MISMATCH");
        out.printf("Check: SMS delivered %d == sent %d: %s%n", result.deliveredByGateway(), result.totalSent(),
                deliveredOnce ? "OK" : "MISMATCH");
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
        return String.format("%-8s %s  [%s] %3d%%  sent %2d failed %2d pending %2d  %s",
                row.customerId(), shortId(row.reservationId()), bar, percent, row.sent(), row.failed(),
                row.pending(), row.status());
    }

    private static String shortId(ReservationId id) {
        return id.toString().substring(0, 4) + "..";
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Settings parse(String[] args) {
        Settings settings = Settings.defaults();
        for (int i = 0; i < args.length; i += 2) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            try {
                if (!OPTIONS.contains(option)) {
                    throw new IllegalArgumentException("unknown option " + option);
                }
                if (value == null) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                settings = switch (option) {
                    case "--seed" -> settings.withSeed(Long.parseLong(value));
                    case "--transient-rate" -> settings.withFailureRates(settings.permanentFailureRate(),
                            Double.parseDouble(value));
                    case "--permanent-rate" -> settings.withFailureRates(Double.parseDouble(value),
                            settings.transientFailureRate());
                    default -> throw new IllegalStateException("option listed but not handled: " + option);
                };
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                System.err.println("usage: PlainExample [--seed N] [--transient-rate R] [--permanent-rate R]");
                System.exit(2);
            }
        }
        return settings;
    }
}
