package io.msgsvc.examples;

import io.msgsvc.ContentPolicy;
import io.msgsvc.Msgsvc;
import io.msgsvc.RetryPolicy;
import io.msgsvc.api.BillingTotals;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationDetails;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationRequest;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.memory.InMemoryStorage;
import io.msgsvc.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The seed service's scenario: three customers book SMS campaigns due within the next two seconds, one
 * campaign breaks the 10-character content policy and is rejected, the gateway is slow and sometimes fails, and
 * reports delivery a moment after each send (a few SMS are not delivered, a few reports never come and the result
 * timeout ends them as unknown). Runs until every reservation has ended (or a deadline passes) and reports what was
 * sent, delivered, billed, refunded and counted.
 */
public final class SeedScenario {
    public static final List<String> CUSTOMERS = List.of("acme", "globex", "initech");
    public static final int MAX_TEXT_LENGTH = 10;
    public static final String OVERLONG_TEXT = "Grand opening today!";

    /** What the customers book: who, which text, and how long after the start it is due. */
    private record Campaign(String customerId, String text, int dueAfterMillis) {}

    private static final List<Campaign> CAMPAIGNS = List.of(
            new Campaign("acme", "Sale 10%", 0),
            new Campaign("globex", "New menu", 250),
            new Campaign("initech", "Last call", 500),
            new Campaign("acme", "Free ship", 750),
            new Campaign("globex", OVERLONG_TEXT, 1000),
            new Campaign("initech", "Thank you", 1250),
            new Campaign("acme", "Flash 30%", 1500),
            new Campaign("globex", "See you!", 2000));

    private static final int MIN_RECIPIENTS = 20;
    private static final int MAX_RECIPIENTS = 60;
    /** How long a sent SMS awaits its delivery report here before it counts as unknown. */
    public static final Duration AWAIT_REPORTS_FOR = Duration.ofSeconds(3);

    /**
     * @param seed     drives recipient lists and the gateway's dice
     * @param tick     how often progress is looked at and reported
     * @param deadline how long to wait for every reservation to end
     */
    public record Settings(
            long seed,
            int minLatencyMillis,
            int maxLatencyMillis,
            double permanentFailureRate,
            double transientFailureRate,
            Duration tick,
            Duration deadline) {

        public Settings {
            if (minLatencyMillis < 0 || maxLatencyMillis < minLatencyMillis) {
                throw new IllegalArgumentException(
                        "need 0 <= min <= max latency, was " + minLatencyMillis + ".." + maxLatencyMillis);
            }
            if (!(permanentFailureRate >= 0
                    && transientFailureRate >= 0
                    && permanentFailureRate + transientFailureRate <= 1)) {
                throw new IllegalArgumentException("failure rates must be >= 0 and add up to at most 1, were "
                        + permanentFailureRate + " and " + transientFailureRate);
            }
            if (tick.isNegative() || tick.isZero() || deadline.isNegative()) {
                throw new IllegalArgumentException("tick must be positive and deadline not negative");
            }
        }

        /** A gateway slow enough to watch, failing now and then. */
        public static Settings defaults() {
            return new Settings(42, 10, 40, 0.03, 0.10, Duration.ofMillis(200), Duration.ofSeconds(60));
        }

        public Settings withSeed(long newSeed) {
            return new Settings(
                    newSeed,
                    minLatencyMillis,
                    maxLatencyMillis,
                    permanentFailureRate,
                    transientFailureRate,
                    tick,
                    deadline);
        }

        public Settings withLatency(int minMillis, int maxMillis) {
            return new Settings(seed, minMillis, maxMillis, permanentFailureRate, transientFailureRate, tick, deadline);
        }

        public Settings withFailureRates(double permanent, double transientRate) {
            return new Settings(seed, minLatencyMillis, maxLatencyMillis, permanent, transientRate, tick, deadline);
        }

        public Settings withTiming(Duration newTick, Duration newDeadline) {
            return new Settings(
                    seed,
                    minLatencyMillis,
                    maxLatencyMillis,
                    permanentFailureRate,
                    transientFailureRate,
                    newTick,
                    newDeadline);
        }
    }

    /** Told on every tick, with one dashboard row per reservation in booking order. */
    @FunctionalInterface
    public interface ProgressListener {
        void onTick(Duration elapsed, List<DashboardView> rows);
    }

    /**
     * How one reservation ended; the counts come from its deliveries, the charges and refunds from the billing
     * ledger.
     *
     * @param sent         accepted by the gateway, whatever its report said
     * @param delivered    of the sent, reported delivered
     * @param notDelivered of the sent, reported undelivered or expired, or without a report in time
     */
    public record ReservationOutcome(
            ReservationId id,
            String customerId,
            String text,
            ReservationStatus status,
            String statusReason,
            int recipients,
            int sent,
            int failed,
            int cancelled,
            int delivered,
            int notDelivered,
            int billedCharges,
            int refunds) {}

    /** A customer's bill and statistics at the end. */
    public record CustomerTotals(String customerId, BillingTotals billing, StatisticsCounters statistics) {}

    /**
     * @param resumed            this run carried on reservations an interrupted run left unfinished
     * @param finishedInTime     every reservation reached a terminal status before the deadline
     * @param deliveredByGateway SMS the gateway actually sent (each idempotency key once)
     * @param gatewayCalls       calls the engine made, retries included
     */
    public record Result(
            boolean resumed,
            boolean finishedInTime,
            Duration elapsed,
            List<ReservationOutcome> reservations,
            List<CustomerTotals> customers,
            long deliveredByGateway,
            long gatewayCalls) {

        public long totalSent() {
            return reservations.stream().mapToLong(ReservationOutcome::sent).sum();
        }

        /** Charges of this run's reservations (a customer's totals also hold earlier runs on a durable store). */
        public long totalBilledCharges() {
            return reservations.stream()
                    .mapToLong(ReservationOutcome::billedCharges)
                    .sum();
        }

        public boolean billingMatchesSent() {
            return totalBilledCharges() == totalSent();
        }
    }

    private SeedScenario() {}

    public static int campaignCount() {
        return CAMPAIGNS.size();
    }

    /** Runs the scenario in memory. */
    public static Result run(Settings settings, ProgressListener listener) throws InterruptedException {
        return run(settings, new InMemoryStorage(), listener);
    }

    /**
     * Runs the scenario on {@code storage}. When the storage still holds reservations of an earlier run that did
     * not end (the example was stopped midway), they are resumed instead of booking new ones.
     */
    public static Result run(Settings settings, Storage storage, ProgressListener listener)
            throws InterruptedException {
        SimulatedSmsChannel sms = SimulatedSmsChannel.builder()
                .latency(settings.minLatencyMillis(), settings.maxLatencyMillis())
                .permanentFailureRate(settings.permanentFailureRate())
                .transientFailureRate(settings.transientFailureRate())
                .reports(Duration.ofMillis(100), Duration.ofMillis(800), 0.05, 0.02, 0.05, 0.02)
                .seed(settings.seed())
                .build();
        Msgsvc msgsvc = Msgsvc.builder()
                .storage(storage)
                .channel(sms)
                .contentPolicy(ContentPolicy.maxLength(MAX_TEXT_LENGTH))
                .retryPolicy(RetryPolicy.exponential(4, Duration.ofMillis(50), 2.0, Duration.ofMillis(400)))
                // a run killed midway holds leases until they expire; keep the wait short for the demo
                .lease(Duration.ofSeconds(3))
                .channelTimeout(Duration.ofSeconds(1))
                .awaitReportsFor(AWAIT_REPORTS_FOR)
                .build()
                .start();
        sms.reportTo(msgsvc::reportDeliveries); // as a gateway's status callback would

        Instant started = Instant.now();
        List<Reservation> booked;
        boolean resumed;
        boolean finished;
        try (sms;
                msgsvc) {
            booked = unfinished(msgsvc);
            resumed = !booked.isEmpty();
            if (!resumed) {
                booked = book(msgsvc, new Random(settings.seed() ^ started.toEpochMilli()), started);
            }
            finished = awaitTerminal(msgsvc, booked, settings, started, listener);
        }
        // read after close: closing projects every event already written, so billing and statistics are complete
        return summarize(msgsvc, booked, sms, resumed, finished, Duration.between(started, Instant.now()));
    }

    /** Reservations of the scenario's customers that an earlier, interrupted run left unfinished. */
    private static List<Reservation> unfinished(Msgsvc msgsvc) {
        List<Reservation> open = new ArrayList<>();
        for (String customer : CUSTOMERS) {
            msgsvc.reservations(customer, PageRequest.of(0, 100)).items().stream()
                    .filter(r -> !r.status().isTerminal())
                    .forEach(open::add);
        }
        open.sort(java.util.Comparator.comparing(Reservation::createdAt));
        return open;
    }

    private static List<Reservation> book(Msgsvc msgsvc, Random random, Instant start) {
        List<Reservation> booked = new ArrayList<>();
        for (Campaign campaign : CAMPAIGNS) {
            int count = MIN_RECIPIENTS + random.nextInt(MAX_RECIPIENTS - MIN_RECIPIENTS + 1);
            booked.add(msgsvc.reserve(ReservationRequest.builder()
                    .customerId(campaign.customerId())
                    .text(campaign.text())
                    .recipients(phoneNumbers(random, count))
                    .sendAt(start.plusMillis(campaign.dueAfterMillis()))
                    .build()));
        }
        return booked;
    }

    /** Distinct Korean mobile numbers: the engine refuses a list that repeats a recipient. */
    private static List<String> phoneNumbers(Random random, int count) {
        Set<String> numbers = new LinkedHashSet<>();
        while (numbers.size() < count) {
            numbers.add(String.format("+8210%08d", random.nextInt(100_000_000)));
        }
        return List.copyOf(numbers);
    }

    private static boolean awaitTerminal(
            Msgsvc msgsvc, List<Reservation> booked, Settings settings, Instant started, ProgressListener listener)
            throws InterruptedException {
        Instant deadline = started.plus(settings.deadline());
        while (true) {
            List<DashboardView> rows = dashboardRows(msgsvc, booked);
            listener.onTick(Duration.between(started, Instant.now()), rows);
            if (rows.stream().allMatch(row -> row.status().isTerminal())) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(settings.tick().toMillis());
        }
    }

    /** The dashboard is a read model fed by events, so a reservation booked a moment ago may not have a row yet. */
    private static List<DashboardView> dashboardRows(Msgsvc msgsvc, List<Reservation> booked) {
        Map<ReservationId, DashboardView> rowsById = CUSTOMERS.stream()
                .flatMap(customer -> msgsvc.dashboard(customer, PageRequest.of(0, 100)).items().stream())
                .collect(Collectors.toMap(DashboardView::reservationId, Function.identity()));
        List<DashboardView> rows = new ArrayList<>(booked.size());
        for (Reservation r : booked) {
            DashboardView row = rowsById.get(r.id());
            rows.add(row != null ? row : msgsvc.dashboard(r.customerId(), r.id()));
        }
        return rows;
    }

    private static Result summarize(
            Msgsvc msgsvc,
            List<Reservation> booked,
            SimulatedSmsChannel sms,
            boolean resumed,
            boolean finished,
            Duration elapsed) {
        List<ReservationOutcome> outcomes = new ArrayList<>();
        for (Reservation r : booked) {
            ReservationDetails details = msgsvc.reservation(r.customerId(), r.id());
            Reservation now = details.reservation();
            outcomes.add(new ReservationOutcome(
                    r.id(),
                    r.customerId(),
                    r.text(),
                    now.status(),
                    now.statusReason(),
                    now.recipientCount(),
                    count(details, DeliveryState::wasAccepted),
                    count(details, DeliveryState.FAILED::equals),
                    count(details, DeliveryState.CANCELLED::equals),
                    count(details, DeliveryState.DELIVERED::equals),
                    count(details, s -> s.isReported() && s != DeliveryState.DELIVERED),
                    msgsvc.charges(r.customerId(), r.id()).size(),
                    msgsvc.refunds(r.customerId(), r.id()).size()));
        }
        Instant statisticsEnd = Instant.now().plus(1, ChronoUnit.DAYS);
        List<CustomerTotals> customers = CUSTOMERS.stream()
                .map(c -> new CustomerTotals(
                        c,
                        msgsvc.billing(c),
                        msgsvc.statistics(c, Instant.EPOCH, statisticsEnd).totals()))
                .toList();
        return new Result(resumed, finished, elapsed, outcomes, customers, sms.delivered(), sms.calls());
    }

    private static int count(ReservationDetails details, Predicate<DeliveryState> which) {
        return (int)
                details.deliveries().stream().map(Delivery::state).filter(which).count();
    }
}
