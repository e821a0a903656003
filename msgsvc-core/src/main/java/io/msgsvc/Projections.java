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
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;

/**
 * Applies events to the billing ledger, the statistics, the reservation status and the dashboard, one handler per
 * {@link Role}. Every one of them is idempotent on its own (applied-event ids, or the ledger's unique delivery key),
 * so an event delivered twice, or retried after a half-done attempt, changes each of them exactly once.
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

    /** The handler that applies one role's projection to each event and tells that role's listeners. */
    Consumer<ReservationEvent> handlerFor(Role role) {
        return switch (role) {
            case BILLING -> event -> {
                if (event instanceof MsgSent sent) {
                    Billed billed = bill(sent);
                    if (billed != null) {
                        listeners.event(billed);
                    }
                }
            };
            case STATISTICS -> event -> {
                StatisticsCounted counted = count(event);
                if (counted != null) {
                    listeners.event(counted);
                }
            };
            case STATUS -> event -> ProgressDelta.of(event).ifPresent(delta -> {
                if (storage.reservations().applyProgress(event.eventId(), delta)) {
                    listeners.event(event);
                }
            });
            case DASHBOARD -> event -> ProgressDelta.of(event).flatMap(delta ->
                    storage.dashboard().apply(event.eventId(), delta)).ifPresent(listeners::dashboardChanged);
            default -> throw new IllegalArgumentException(role + " consumes no events");
        };
    }

    /**
     * Applies every projection, in the order an in-process engine uses: billing and statistics before status and
     * dashboard, so whoever sees a final status sees its charges and counts too.
     */
    void apply(ReservationEvent event) {
        for (Role role : ORDER) {
            handlerFor(role).accept(event);
        }
    }

    static final List<Role> ORDER = List.of(Role.BILLING, Role.STATISTICS, Role.STATUS, Role.DASHBOARD);

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
