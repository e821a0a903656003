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
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.Storage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

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

    /**
     * The handler that applies one role's projection to each batch of events (in its own transaction) and tells
     * that role's listeners.
     */
    Consumer<List<ReservationEvent>> handlerFor(Role role) {
        boolean tracksProgress = role == Role.STATUS || role == Role.DASHBOARD;
        return events -> project(role, events, tracksProgress ? progressUpdates(events) : List.of(), Runnable::run);
    }

    /**
     * Applies every projection inside the caller's transaction, in the order an in-process engine uses: billing
     * and statistics before status and dashboard, so whoever sees a final status sees its charges and counts too.
     * What the listeners are to hear goes to {@code afterCommit}: nothing is told before it is committed.
     */
    void applyInline(List<ReservationEvent> events, Consumer<Runnable> afterCommit) {
        List<ProgressUpdate> updates = progressUpdates(events); // status and dashboard share them
        for (Role role : ORDER) {
            project(role, events, updates, afterCommit);
        }
    }

    /** Applies every projection, each in its own transaction, in the same order as {@link #applyInline}. */
    void apply(List<ReservationEvent> events) {
        for (Role role : ORDER) {
            handlerFor(role).accept(events);
        }
    }

    static final List<Role> ORDER = List.of(Role.BILLING, Role.STATISTICS, Role.STATUS, Role.DASHBOARD);

    private void project(
            Role role, List<ReservationEvent> events, List<ProgressUpdate> updates, Consumer<Runnable> tell) {
        switch (role) {
            case BILLING -> bill(events, tell);
            case STATISTICS -> count(events, tell);
            case STATUS -> updateStatus(events, updates, tell);
            case DASHBOARD -> {
                if (!updates.isEmpty()) {
                    storage.dashboard()
                            .apply(updates)
                            .forEach(view -> tell.accept(() -> listeners.dashboardChanged(view)));
                }
            }
            default -> throw new IllegalArgumentException(role + " consumes no events");
        }
    }

    private void bill(List<ReservationEvent> events, Consumer<Runnable> tell) {
        List<Charge> charges = new ArrayList<>();
        for (ReservationEvent event : events) {
            if (event instanceof MsgSent sent) {
                BigDecimal amount = pricing.price(sent.customerId(), sent.deliveryId(), sent.recipient());
                charges.add(new Charge(sent.deliveryId(), sent.customerId(), amount, sent.occurredAt()));
            }
        }
        if (charges.isEmpty()) {
            return;
        }
        List<Charge> added = storage.billing().charge(charges);
        if (!listeners.hearEvents()) {
            return;
        }
        for (Charge c : added) {
            Billed billed = new Billed(
                    derivedId("billed", c.deliveryId().toString()),
                    c.deliveryId().reservationId(),
                    c.customerId(),
                    c.chargedAt(),
                    c.deliveryId(),
                    c.amount());
            tell.accept(() -> listeners.event(billed));
        }
    }

    private void count(List<ReservationEvent> events, Consumer<Runnable> tell) {
        Map<UUID, ReservationEvent> byId = new LinkedHashMap<>();
        List<StatisticsIncrement> increments = new ArrayList<>();
        for (ReservationEvent event : events) {
            StatisticsCounters delta = statisticsDelta(event);
            if (delta != null) {
                byId.put(event.eventId(), event);
                increments.add(new StatisticsIncrement(
                        event.eventId(), event.customerId(), event.occurredAt().truncatedTo(statisticsPeriod), delta));
            }
        }
        if (increments.isEmpty()) {
            return;
        }
        Set<UUID> counted = storage.statistics().add(increments);
        if (!listeners.hearEvents()) {
            return;
        }
        for (StatisticsIncrement i : increments) {
            if (counted.remove(i.eventId())) {
                ReservationEvent cause = byId.get(i.eventId());
                StatisticsCounted notice = new StatisticsCounted(
                        derivedId("counted", i.eventId().toString()),
                        cause.reservationId(),
                        i.customerId(),
                        cause.occurredAt(),
                        i.periodStart(),
                        i.delta());
                tell.accept(() -> listeners.event(notice));
            }
        }
    }

    private void updateStatus(List<ReservationEvent> events, List<ProgressUpdate> updates, Consumer<Runnable> tell) {
        if (updates.isEmpty()) {
            return;
        }
        Set<UUID> applied = storage.reservations().applyProgress(updates);
        if (!listeners.hearEvents()) {
            return;
        }
        for (ReservationEvent event : events) {
            if (applied.remove(event.eventId())) {
                tell.accept(() -> listeners.event(event));
            }
        }
    }

    private static List<ProgressUpdate> progressUpdates(List<ReservationEvent> events) {
        List<ProgressUpdate> updates = new ArrayList<>(events.size());
        for (ReservationEvent event : events) {
            ProgressDelta.of(event).ifPresent(d -> updates.add(new ProgressUpdate(event.eventId(), d)));
        }
        return updates;
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
