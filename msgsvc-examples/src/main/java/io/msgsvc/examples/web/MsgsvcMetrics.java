package io.msgsvc.examples.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msgsvc.Msgsvc;
import io.msgsvc.Subscription;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.ReservationEvent;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Engine metrics from its events: {@code msgsvc.deliveries} counts send results by outcome (its rate is the
 * dispatch rate, {@code outcome="failed"} the failures), {@code msgsvc.delivery.reports} the delivery reports'
 * results by state (delivered, undelivered, expired, unknown: no report in time), {@code msgsvc.event.lag} times how
 * long an event took from being written to reaching this node's listeners.
 */
@Component
class MsgsvcMetrics {
    private final Counter sent;
    private final Counter failedPermanently;
    private final Counter failedAfterRetries;
    private final Map<DeliveryState, Counter> reported = new EnumMap<>(DeliveryState.class);
    private final Timer lag;
    private final Subscription subscription;

    MsgsvcMetrics(Msgsvc msgsvc, MeterRegistry registry) {
        this.sent = deliveries(registry, "sent", "none");
        this.failedPermanently = deliveries(registry, "failed", "permanent");
        this.failedAfterRetries = deliveries(registry, "failed", "retries-exhausted");
        for (DeliveryState state : DeliveryState.values()) {
            if (state.isReported()) {
                reported.put(
                        state,
                        Counter.builder("msgsvc.delivery.reports")
                                .description("Results of delivery reports (or their absence): one per sent message")
                                .tag("state", state.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
        }
        this.lag = Timer.builder("msgsvc.event.lag")
                .description("Time from an event being written to this node's listeners seeing it")
                .publishPercentileHistogram()
                .register(registry);
        this.subscription = msgsvc.subscribeEvents(this::onEvent);
    }

    private static Counter deliveries(MeterRegistry registry, String outcome, String reason) {
        return Counter.builder("msgsvc.deliveries")
                .description("Send results: one per recipient")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    private void onEvent(ReservationEvent event) {
        if (event instanceof ReservationEvent.MsgSent || event instanceof ReservationEvent.MsgSubmitted) {
            sent.increment();
        } else if (event instanceof ReservationEvent.DeliveryReported report) {
            reported.get(report.state()).increment();
        } else if (event instanceof ReservationEvent.ReportTimedOut) {
            reported.get(DeliveryState.UNKNOWN).increment();
        } else if (event instanceof ReservationEvent.SendFailed failed) {
            (failed.permanent() ? failedPermanently : failedAfterRetries).increment();
        }
        Duration age = Duration.between(event.occurredAt(), Instant.now());
        // clocks of different nodes may disagree slightly
        lag.record(age.isNegative() ? Duration.ZERO : age);
    }

    @PreDestroy
    void close() {
        subscription.close();
    }
}
