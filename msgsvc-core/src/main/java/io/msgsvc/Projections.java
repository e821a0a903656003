package io.msgsvc;

import io.msgsvc.api.Charge;
import io.msgsvc.api.DeliveryId;
import io.msgsvc.api.DeliveryState;
import io.msgsvc.api.MessageType;
import io.msgsvc.api.Pricing;
import io.msgsvc.api.Refund;
import io.msgsvc.api.ReservationEvent;
import io.msgsvc.api.ReservationEvent.Billed;
import io.msgsvc.api.ReservationEvent.DeliveryReported;
import io.msgsvc.api.ReservationEvent.MsgSent;
import io.msgsvc.api.ReservationEvent.MsgSubmitted;
import io.msgsvc.api.ReservationEvent.Refunded;
import io.msgsvc.api.ReservationEvent.ReportTimedOut;
import io.msgsvc.api.ReservationEvent.ReservationCancelled;
import io.msgsvc.api.ReservationEvent.ReservationCompensated;
import io.msgsvc.api.ReservationEvent.Reserved;
import io.msgsvc.api.ReservationEvent.SendFailed;
import io.msgsvc.api.ReservationEvent.StatisticsCounted;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.AppliedPositions;
import io.msgsvc.spi.Deduplication;
import io.msgsvc.spi.OutboxEntry;
import io.msgsvc.spi.ProgressDelta;
import io.msgsvc.spi.ProgressUpdate;
import io.msgsvc.spi.StatisticsIncrement;
import io.msgsvc.spi.Storage;
import io.msgsvc.spi.StorageTx;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies events to the billing ledger, the statistics, the reservation status and the dashboard, one
 * {@link Role} each. Events from a transport may come again: there each role skips what it applied by the events'
 * outbox positions ({@link AboveApplied}), or each store deduplicates (applied-event ids, or the ledger's unique
 * delivery key), so an event delivered twice changes each of them exactly once. Listeners are
 * told after the transaction that stored the effect commits.
 */
final class Projections {
    private final Storage storage;
    private final Pricing pricing;
    private final BillingPolicy billingPolicy;
    private final ChronoUnit statisticsPeriod;
    private final Listeners listeners;
    private final Tracing tracing;

    Projections(EngineConfig config, Listeners listeners) {
        this(
                config.storage(),
                config.pricing(),
                config.billingPolicy(),
                config.statisticsPeriod(),
                listeners,
                config.tracing());
    }

    Projections(
            Storage storage,
            Pricing pricing,
            BillingPolicy billingPolicy,
            ChronoUnit statisticsPeriod,
            Listeners listeners,
            Tracing tracing) {
        this.storage = storage;
        this.pricing = pricing;
        this.billingPolicy = billingPolicy;
        this.statisticsPeriod = statisticsPeriod;
        this.listeners = listeners;
        this.tracing = tracing;
    }

    /**
     * What a transport calls for one consumer of one or more roles: each batch of entries in one transaction of its
     * own, applied to the roles in {@link Role#PROJECTIONS} order; deduplicated by outbox position where the entries
     * carry one and the store keeps {@link AppliedPositions}, else by each store's records.
     */
    Consumer<List<OutboxEntry>> handlerFor(List<Role> roles) {
        Optional<AppliedPositions> positions = storage.appliedPositions();
        return entries -> storage.inTransaction(tx -> {
            for (List<OutboxEntry> run : AboveApplied.runs(entries, positions.isPresent())) {
                if (AboveApplied.positioned(run.get(0), positions.isPresent())) {
                    projectAboveApplied(roles, tx, run, positions.get());
                } else {
                    List<ReservationEvent> events = OutboxEntry.events(run);
                    List<ProgressUpdate> updates = tracksProgress(roles) ? progressUpdates(events) : List.of();
                    for (Role role : roles) {
                        project(role, tx, events, updates, Deduplication.REQUIRED);
                    }
                }
            }
            return null;
        });
    }

    /** Each role applies the entries above the position it applied of their reservation, and nothing else. */
    private void projectAboveApplied(
            List<Role> roles, StorageTx tx, List<OutboxEntry> run, AppliedPositions positions) {
        List<ProgressUpdate> wholeRun = null; // the usual case: status and dashboard both take every entry
        for (Role role : roles) {
            List<ReservationEvent> fresh = AboveApplied.fresh(positions, tx, role.consumerName(), run);
            if (fresh.isEmpty()) {
                continue;
            }
            List<ProgressUpdate> updates = List.of();
            if (role == Role.STATUS || role == Role.DASHBOARD) {
                if (fresh.size() == run.size()) {
                    wholeRun = wholeRun == null ? progressUpdates(fresh) : wholeRun;
                    updates = wholeRun;
                } else {
                    updates = progressUpdates(fresh);
                }
            }
            // billing keeps its check by the charge's key: a cheap read, and a charge made before positions were
            // kept would otherwise fail the batch on its key
            project(role, tx, fresh, updates, role == Role.BILLING ? Deduplication.REQUIRED : Deduplication.NOT_NEEDED);
        }
    }

    private static boolean tracksProgress(List<Role> roles) {
        return roles.contains(Role.STATUS) || roles.contains(Role.DASHBOARD);
    }

    /**
     * Applies every projection, in {@link Role#PROJECTIONS} order, to events written in this same transaction:
     * they are new, so nothing needs deduplicating.
     */
    void applyInline(StorageTx tx, List<ReservationEvent> events) {
        List<ProgressUpdate> updates = progressUpdates(events); // status and dashboard share them
        for (Role role : Role.PROJECTIONS) {
            project(role, tx, events, updates, Deduplication.NOT_NEEDED);
        }
    }

    /** One role's apply, in a span of each reservation's trace and with its ids in the MDC. */
    private void project(
            Role role, StorageTx tx, List<ReservationEvent> events, List<ProgressUpdate> updates, Deduplication d) {
        ProjectionTrace trace =
                ProjectionTrace.enter(tracing, role.consumerName(), tx, storage.registrations(), events);
        Throwable failure = null;
        try {
            apply(role, tx, events, updates, d);
        } catch (Throwable e) { // rethrown as it came
            failure = e;
            throw e;
        } finally {
            trace.leave(failure);
        }
    }

    private void apply(
            Role role, StorageTx tx, List<ReservationEvent> events, List<ProgressUpdate> updates, Deduplication d) {
        switch (role) {
            case BILLING -> bill(tx, events, d);
            case STATISTICS -> count(tx, events, d);
            case STATUS -> updateStatus(tx, events, updates, d);
            case DASHBOARD -> {
                if (!updates.isEmpty()) {
                    storage.dashboard()
                            .apply(tx, updates, d)
                            .forEach(view -> tx.afterCommit(() -> listeners.dashboardChanged(view)));
                }
            }
            default -> throw new IllegalArgumentException(role + " consumes no events");
        }
    }

    /** Charges before refunds: a delivery charged and reported undelivered in one batch is refunded. */
    private void bill(StorageTx tx, List<ReservationEvent> events, Deduplication d) {
        List<Charge> charges = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        for (ReservationEvent event : events) {
            if (event instanceof MsgSent sent) {
                charges.add(charge(sent, sent.deliveryId(), sent.recipient(), sent.messageType(), sent.units()));
            } else if (event instanceof MsgSubmitted submitted && billingPolicy.chargesOnSubmission()) {
                charges.add(charge(
                        submitted,
                        submitted.deliveryId(),
                        submitted.recipient(),
                        submitted.messageType(),
                        submitted.units()));
            } else if (event instanceof DeliveryReported reported) {
                if (billingPolicy.chargesWhenReported(reported.state())) {
                    // the report does not carry the size the message was sent as: priced as one SMS
                    charges.add(charge(reported, reported.deliveryId(), reported.recipient(), MessageType.SMS, 1));
                }
                if (billingPolicy.refundsWhenReported(reported.state())) {
                    refunds.add(Refund.of(
                            reported.deliveryId(), reported.customerId(), reported.occurredAt(), reported.state()));
                }
            } else if (event instanceof ReportTimedOut timedOut
                    && billingPolicy.refundsWhenReported(DeliveryState.UNKNOWN)) {
                refunds.add(Refund.of(
                        timedOut.deliveryId(), timedOut.customerId(), timedOut.occurredAt(), DeliveryState.UNKNOWN));
            }
        }
        List<Charge> added = charges.isEmpty() ? List.of() : storage.billing().charge(tx, charges, d);
        List<Refund> refunded =
                refunds.isEmpty() ? List.of() : storage.billing().refund(tx, refunds, d);
        if (!listeners.hearEvents()) {
            return;
        }
        for (Refund r : refunded) {
            Refunded notice = new Refunded(
                    derivedId("refunded", r.deliveryId().toString()),
                    r.deliveryId().reservationId(),
                    r.customerId(),
                    r.refundedAt(),
                    r.deliveryId(),
                    r.amount(),
                    r.state());
            tx.afterCommit(() -> listeners.event(notice));
        }
        for (Charge c : added) {
            Billed billed = new Billed(
                    derivedId("billed", c.deliveryId().toString()),
                    c.deliveryId().reservationId(),
                    c.customerId(),
                    c.chargedAt(),
                    c.deliveryId(),
                    c.amount());
            tx.afterCommit(() -> listeners.event(billed));
        }
    }

    private Charge charge(
            ReservationEvent event, DeliveryId deliveryId, String recipient, MessageType type, int units) {
        BigDecimal amount = pricing.price(event.customerId(), deliveryId, recipient, type, units);
        return new Charge(deliveryId, event.customerId(), amount, event.occurredAt(), type, units);
    }

    private void count(StorageTx tx, List<ReservationEvent> events, Deduplication d) {
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
        Set<UUID> counted = storage.statistics().add(tx, increments, d);
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
                tx.afterCommit(() -> listeners.event(notice));
            }
        }
    }

    private void updateStatus(
            StorageTx tx, List<ReservationEvent> events, List<ProgressUpdate> updates, Deduplication d) {
        if (updates.isEmpty()) {
            return;
        }
        Set<UUID> applied = storage.statuses().apply(tx, updates, d);
        if (!listeners.hearEvents()) {
            return;
        }
        for (ReservationEvent event : events) {
            if (applied.remove(event.eventId())) {
                tx.afterCommit(() -> listeners.event(event));
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

    /** What an event adds to its period's counters: results count when they are recorded, reports included. */
    static StatisticsCounters statisticsDelta(ReservationEvent event) {
        if (event instanceof Reserved) {
            return new StatisticsCounters(1, 0, 0, 0, 0);
        } else if (event instanceof MsgSent) {
            return StatisticsCounters.one(DeliveryState.SENT);
        } else if (event instanceof MsgSubmitted) {
            return StatisticsCounters.one(DeliveryState.SUBMITTED);
        } else if (event instanceof SendFailed) {
            return StatisticsCounters.one(DeliveryState.FAILED);
        } else if (event instanceof ReservationEvent.MsgSkipped) {
            return StatisticsCounters.one(DeliveryState.SKIPPED);
        } else if (event instanceof DeliveryReported r) {
            // a correction moves the delivery out of unknown, in the period it is recorded
            StatisticsCounters counted = StatisticsCounters.one(r.state());
            return r.previous() == DeliveryState.UNKNOWN ? counted.plus(DeliveryState.UNKNOWN, -1) : counted;
        } else if (event instanceof ReportTimedOut) {
            return StatisticsCounters.one(DeliveryState.UNKNOWN);
        } else if (event instanceof ReservationCompensated c) {
            return new StatisticsCounters(0, 0, 0, c.cancelledDeliveries(), 0);
        } else if (event instanceof ReservationCancelled c) {
            return new StatisticsCounters(0, 0, 0, 0, c.cancelledDeliveries());
        } else if (event instanceof ReservationEvent.ReservationExpired e) {
            return StatisticsCounters.ZERO.plus(DeliveryState.EXPIRED_UNSENT, e.expiredDeliveries());
        }
        return null;
    }

    /** Ids of follow-up notifications derive from their cause, so a repeat carries the same id. */
    private static UUID derivedId(String kind, String cause) {
        return UUID.nameUUIDFromBytes((kind + ':' + cause).getBytes(StandardCharsets.UTF_8));
    }
}
