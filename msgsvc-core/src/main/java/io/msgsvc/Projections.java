package io.msgsvc;

import io.msgsvc.api.Charge;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.Billed;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.ReservationCancelled;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationEvent.StatisticsCounted;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.Storage;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies each event to the reservation status, the dashboard, the billing ledger and the statistics. Every one
 * of them is idempotent on its own (applied-event ids, or the ledger's unique delivery key), so an event delivered
 * twice, or retried after a half-done attempt, changes each of them exactly once.
 */
final class Projections {
    private final Storage storage;
    private final Pricing pricing;
    private final ChronoUnit statisticsPeriod;
    private final Listeners listeners;

    Projections(Storage storage, Pricing pricing, ChronoUnit statisticsPeriod, Listeners listeners) {
        this.storage = storage;
        this.pricing = pricing;
        this.statisticsPeriod = statisticsPeriod;
        this.listeners = listeners;
    }

    void apply(ReservationEvent event) {
        // billing and statistics first: whoever sees a final status sees its charges and counts too
        Billed billed = event instanceof MsgSent sent ? bill(sent) : null;
        StatisticsCounted counted = count(event);
        boolean firstTime = false;
        Optional<ProgressDelta> progress = ProgressDelta.of(event);
        if (progress.isPresent()) {
            firstTime = storage.reservations().applyProgress(event.eventId(), progress.get());
            storage.dashboard().apply(event.eventId(), progress.get()).ifPresent(listeners::dashboardChanged);
        }
        // listeners hear the cause before its consequences
        if (firstTime) {
            listeners.event(event);
        }
        if (billed != null) {
            listeners.event(billed);
        }
        if (counted != null) {
            listeners.event(counted);
        }
    }

    /** The notification of a new charge, or null if this delivery was billed before. */
    private Billed bill(MsgSent sent) {
        BigDecimal amount = pricing.price(sent.customerId(), sent.deliveryId(), sent.recipient());
        Charge charge = new Charge(sent.deliveryId(), sent.customerId(), amount, sent.occurredAt());
        if (!storage.billing().charge(charge)) {
            return null;
        }
        return new Billed(derivedId("billed", sent.deliveryId().toString()), sent.reservationId(),
                sent.customerId(), sent.occurredAt(), sent.deliveryId(), amount);
    }

    /** The notification of a new count, or null if the event was counted before or counts nothing. */
    private StatisticsCounted count(ReservationEvent event) {
        StatisticsCounters delta = statisticsDelta(event);
        if (delta == null) {
            return null;
        }
        Instant period = event.occurredAt().truncatedTo(statisticsPeriod);
        if (!storage.statistics().add(event.eventId(), event.customerId(), period, delta)) {
            return null;
        }
        return new StatisticsCounted(derivedId("counted", event.eventId().toString()), event.reservationId(),
                event.customerId(), event.occurredAt(), period, delta);
    }

    static StatisticsCounters statisticsDelta(ReservationEvent event) {
        if (event instanceof Reserved) {
            return new StatisticsCounters(1, 0, 0, 0, 0);
        } else if (event instanceof MsgSent) {
            return new StatisticsCounters(0, 1, 0, 0, 0);
        } else if (event instanceof SendFailed) {
            return new StatisticsCounters(0, 0, 1, 0, 0);
        } else if (event instanceof ReservationCompensated c) {
            return new StatisticsCounters(0, 0, 0, c.cancelledDeliveries(), 0);
        } else if (event instanceof ReservationCancelled c) {
            return new StatisticsCounters(0, 0, 0, 0, c.cancelledDeliveries());
        }
        return null;
    }

    /** Ids of follow-up notifications derive from their cause, so a repeat carries the same id. */
    private static UUID derivedId(String kind, String cause) {
        return UUID.nameUUIDFromBytes((kind + ':' + cause).getBytes(StandardCharsets.UTF_8));
    }
}
