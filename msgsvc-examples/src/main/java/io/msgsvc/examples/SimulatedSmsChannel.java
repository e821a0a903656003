package io.msgsvc.examples;

import io.msgsvc.api.DeliveryReport;
import io.msgsvc.api.InvalidRequestException;
import io.msgsvc.api.MessageChannel;
import io.msgsvc.api.OutboundMessage;
import io.msgsvc.api.ReportStatus;
import io.msgsvc.api.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake SMS gateway: answers after a random latency and fails now and then, permanently (a bad number) or
 * transiently (throttled). Like a real provider it honours the idempotency key: a key it accepted before is
 * answered with the same reference and the SMS is not sent again. With {@link Builder#reports} it also reports
 * delivery later, as carriers do: delivered, undelivered or expired after a random delay, by the reference it
 * answered with; some reports come twice, some never.
 *
 * <p>Configured once through {@link #builder()}; thread-safe. Close it to stop its reports.
 */
public final class SimulatedSmsChannel implements MessageChannel, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedSmsChannel.class);
    /** A refused callback is posted again up to this many times in all, after 200 ms, 400 ms, 800 ms... */
    private static final int CALLBACK_ATTEMPTS = 6;

    private static final long CALLBACK_BACKOFF_MILLIS = 100;

    /** Where the gateway sends its delivery reports: the engine, or a webhook. */
    @FunctionalInterface
    public interface ReportSink {
        void accept(List<DeliveryReport> reports);
    }

    private final int minLatencyMillis;
    private final int maxLatencyMillis;
    private final double permanentFailureRate;
    private final double transientFailureRate;
    private final Random random;
    private final Map<String, String> acceptedReferences = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final ReportPlan reportPlan;
    private final ScheduledExecutorService reporter;
    private volatile ReportSink sink;

    /** How the gateway reports, if it does. */
    private record ReportPlan(
            long minDelayMillis,
            long maxDelayMillis,
            double undeliveredRate,
            double expiredRate,
            double duplicateRate,
            double lostRate) {}

    private SimulatedSmsChannel(Builder b) {
        this.minLatencyMillis = b.minLatencyMillis;
        this.maxLatencyMillis = b.maxLatencyMillis;
        this.permanentFailureRate = b.permanentFailureRate;
        this.transientFailureRate = b.transientFailureRate;
        this.random = new Random(b.seed);
        this.reportPlan = b.reportPlan;
        this.reporter = reportPlan == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "simulated-gateway-reports");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public boolean reportsDelivery() {
        return reportPlan != null;
    }

    /** Where delivery reports go from now on; until set, the gateway's reports are lost. */
    public void reportTo(ReportSink sink) {
        this.sink = sink;
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.shutdownNow();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SendOutcome send(OutboundMessage message) throws InterruptedException {
        calls.incrementAndGet();
        // the network round trip; an engine timeout interrupts it like a dropped connection
        Thread.sleep(latencyMillis());

        String known = acceptedReferences.get(message.idempotencyKey());
        if (known != null) {
            return SendOutcome.accepted(known);
        }
        double roll = random.nextDouble();
        if (roll < permanentFailureRate) {
            return SendOutcome.permanentFailure("unknown subscriber " + message.recipient());
        }
        if (roll < permanentFailureRate + transientFailureRate) {
            return SendOutcome.transientFailure("gateway throttled, try again");
        }
        // two calls racing with one key must still send one SMS: only the call that stores the key sends
        String reference = "sms-" + Long.toHexString(random.nextLong());
        String previous = acceptedReferences.putIfAbsent(message.idempotencyKey(), reference);
        if (previous != null) {
            return SendOutcome.accepted(previous);
        }
        delivered.incrementAndGet();
        if (reportPlan != null) {
            scheduleReport(reference);
        }
        return SendOutcome.accepted(reference);
    }

    private void scheduleReport(String reference) {
        ReportPlan plan = reportPlan;
        double roll = random.nextDouble();
        if (roll < plan.lostRate()) {
            return; // the carrier never says: the engine's result timeout decides
        }
        double status = random.nextDouble();
        DeliveryReport report = status < plan.undeliveredRate()
                ? report(reference, ReportStatus.UNDELIVERED, "UNDELIV", "absent subscriber")
                : status < plan.undeliveredRate() + plan.expiredRate()
                        ? report(reference, ReportStatus.EXPIRED, "EXPIRED", "validity period ended")
                        : report(reference, ReportStatus.DELIVERED, "DELIVRD", null);
        long delay = plan.minDelayMillis()
                + (plan.maxDelayMillis() == plan.minDelayMillis()
                        ? 0
                        : random.nextLong(plan.maxDelayMillis() - plan.minDelayMillis() + 1));
        List<DeliveryReport> reports =
                random.nextDouble() < plan.duplicateRate() ? List.of(report, report) : List.of(report);
        try {
            reporter.schedule(() -> deliver(reports, 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the gateway is shutting down: its reports are lost, as a real one's would be
        }
    }

    private static DeliveryReport report(String reference, ReportStatus status, String code, String reason) {
        return DeliveryReport.forReference(reference)
                .status(status)
                .providerCode(code, reason)
                .build();
    }

    /** Posts a report callback; one the engine could not take is posted again later, as real gateways do. */
    private void deliver(List<DeliveryReport> reports, int attempt) {
        ReportSink target = sink;
        if (target == null) {
            return;
        }
        try {
            target.accept(reports);
        } catch (InvalidRequestException refused) {
            log.warn("the engine refused a delivery report callback as invalid; not posting it again", refused);
        } catch (RuntimeException e) {
            if (attempt >= CALLBACK_ATTEMPTS) {
                log.warn("the engine refused a delivery report callback {} times; giving up", attempt, e);
                return;
            }
            log.warn("the engine refused a delivery report callback; posting it again", e);
            try {
                reporter.schedule(
                        () -> deliver(reports, attempt + 1), CALLBACK_BACKOFF_MILLIS << attempt, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // the gateway is shutting down: the report is lost, as a real one's would be
            }
        }
    }

    /** SMS that actually reached a handset: each accepted idempotency key counts once. */
    public long delivered() {
        return delivered.get();
    }

    /** Every call the engine made, retries and repeats included. */
    public long calls() {
        return calls.get();
    }

    private long latencyMillis() {
        if (maxLatencyMillis == minLatencyMillis) {
            return minLatencyMillis;
        }
        return minLatencyMillis + random.nextInt(maxLatencyMillis - minLatencyMillis + 1);
    }

    public static final class Builder {
        private int minLatencyMillis = 5;
        private int maxLatencyMillis = 20;
        private double permanentFailureRate;
        private double transientFailureRate;
        private long seed = 42;
        private ReportPlan reportPlan;

        private Builder() {}

        /**
         * Reports delivery: each accepted SMS is reported between {@code minDelay} and {@code maxDelay} later,
         * undelivered or expired at the given rates (the rest delivered); a share of reports comes twice and a share
         * never comes.
         */
        public Builder reports(
                Duration minDelay,
                Duration maxDelay,
                double undeliveredRate,
                double expiredRate,
                double duplicateRate,
                double lostRate) {
            if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalArgumentException(
                        "need 0 <= min <= max report delay, was " + minDelay + ".." + maxDelay);
            }
            if (rate(undeliveredRate, "undeliveredRate") + rate(expiredRate, "expiredRate") > 1.0) {
                throw new IllegalArgumentException("undelivered and expired rates add up to more than 1");
            }
            this.reportPlan = new ReportPlan(
                    minDelay.toMillis(),
                    maxDelay.toMillis(),
                    undeliveredRate,
                    expiredRate,
                    rate(duplicateRate, "duplicateRate"),
                    rate(lostRate, "lostRate"));
            return this;
        }

        /** Each call takes between {@code minMillis} and {@code maxMillis}, evenly spread. */
        public Builder latency(int minMillis, int maxMillis) {
            if (minMillis < 0 || maxMillis < minMillis) {
                throw new IllegalArgumentException("need 0 <= min <= max latency, was " + minMillis + ".." + maxMillis);
            }
            this.minLatencyMillis = minMillis;
            this.maxLatencyMillis = maxMillis;
            return this;
        }

        /** Share of calls refused for good; default 0. */
        public Builder permanentFailureRate(double rate) {
            this.permanentFailureRate = rate(rate, "permanentFailureRate");
            return this;
        }

        /** Share of calls refused for now; default 0. */
        public Builder transientFailureRate(double rate) {
            this.transientFailureRate = rate(rate, "transientFailureRate");
            return this;
        }

        /** Same seed, same sequence of dice rolls (the order of calls still depends on thread timing). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SimulatedSmsChannel build() {
            if (permanentFailureRate + transientFailureRate > 1.0) {
                throw new IllegalArgumentException(
                        "failure rates add up to more than 1: " + (permanentFailureRate + transientFailureRate));
            }
            return new SimulatedSmsChannel(this);
        }

        private static double rate(double value, String name) {
            if (value < 0 || value > 1 || Double.isNaN(value)) {
                throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
            }
            return value;
        }
    }
}
