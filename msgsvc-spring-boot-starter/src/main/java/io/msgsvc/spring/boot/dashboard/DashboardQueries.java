package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.Msgsvc;
import io.msgsvc.api.Charge;
import io.msgsvc.api.DashboardView;
import io.msgsvc.api.Delivery;
import io.msgsvc.api.Page;
import io.msgsvc.api.PageRequest;
import io.msgsvc.api.Refund;
import io.msgsvc.api.Reservation;
import io.msgsvc.api.ReservationId;
import io.msgsvc.api.ReservationNotFoundException;
import io.msgsvc.api.ReservationStatus;
import io.msgsvc.api.StatisticsBucket;
import io.msgsvc.api.StatisticsCounters;
import io.msgsvc.spi.Storage;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Bucket;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Cost;
import io.msgsvc.spring.boot.dashboard.DashboardJson.DeliveryPage;
import io.msgsvc.spring.boot.dashboard.DashboardJson.DeliveryRow;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Progress;
import io.msgsvc.spring.boot.dashboard.DashboardJson.ReservationRow;
import io.msgsvc.spring.boot.dashboard.DashboardJson.RowPage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The engine's queries, put together as the dashboard shows them. Ownership checks are the engine's. */
final class DashboardQueries {
    private final Msgsvc msgsvc;
    private final Storage storage;
    private final Currency currency;
    private final ChronoUnit statisticsPeriod;

    /**
     * @param storage the engine's storage, to read one reservation without its deliveries; null when the context has
     *     none (an engine the application built itself): then the engine's reservation read, deliveries and all
     * @param statisticsPeriod the engine's statistics period: MINUTES, HOURS or DAYS (UTC)
     */
    DashboardQueries(Msgsvc msgsvc, Storage storage, Currency currency, ChronoUnit statisticsPeriod) {
        this.msgsvc = msgsvc;
        this.storage = storage;
        this.currency = currency;
        this.statisticsPeriod = statisticsPeriod;
    }

    /** The list comes from the reservations; each row's progress from the read model when it has the row. */
    RowPage rows(String customerId, PageRequest request) {
        Page<Reservation> reservations = msgsvc.reservations(customerId, request);
        // both are ordered newest first by the same keys, so one page of each covers the same reservations
        Map<ReservationId, DashboardView> views = msgsvc.dashboard(customerId, request).items().stream()
                .collect(Collectors.toMap(DashboardView::reservationId, Function.identity()));
        List<ReservationRow> rows = new ArrayList<>();
        for (Reservation r : reservations.items()) {
            DashboardView view = views.get(r.id());
            rows.add(row(r, view != null ? Progress.of(view) : Progress.of(r)));
        }
        return new RowPage(
                rows, reservations.page(), reservations.size(), reservations.totalItems(), reservations.totalPages());
    }

    /**
     * The engine's dashboard row checks ownership as its reservation read does (same refusals); the reservation itself
     * then comes from the storage, as Msgsvc.reservation would read every delivery (up to 100 000) with it.
     */
    ReservationRow reservation(String customerId, ReservationId id) {
        DashboardView view = msgsvc.dashboard(customerId, id);
        Reservation r = storage == null
                ? msgsvc.reservation(customerId, id).reservation()
                : storage.registrations().find(id).orElseThrow(() -> new ReservationNotFoundException(id));
        return row(r, Progress.of(view));
    }

    DeliveryPage deliveries(String customerId, ReservationId id, int fromSequence, int limit) {
        List<Delivery> slice = msgsvc.deliveries(customerId, id, fromSequence, limit);
        Integer next = slice.size() < limit ? null : slice.get(slice.size() - 1).sequence() + 1;
        return new DeliveryPage(
                id.toString(), slice.stream().map(DeliveryRow::of).toList(), fromSequence, next);
    }

    /**
     * The periods that start within {@code [from, to)}, {@code from} first moved back to the start of its period so
     * that the period it falls in counts. One bucket per period: an operator's look at every customer adds the
     * customers' buckets up.
     */
    DashboardJson.Statistics statistics(String customerId, Instant requestedFrom, Instant to) {
        Instant from = requestedFrom.truncatedTo(statisticsPeriod);
        io.msgsvc.api.Statistics statistics =
                customerId == null ? msgsvc.statistics(from, to) : msgsvc.statistics(customerId, from, to);
        Map<Instant, StatisticsCounters> byPeriod = new TreeMap<>();
        for (StatisticsBucket bucket : statistics.buckets()) {
            byPeriod.merge(bucket.periodStart(), bucket.counters(), StatisticsCounters::plus);
        }
        List<Bucket> buckets = byPeriod.entrySet().stream()
                .map(e -> new Bucket(e.getKey().toString(), e.getValue()))
                .toList();
        return new DashboardJson.Statistics(
                customerId, from.toString(), to.toString(), statisticsPeriod.name(), buckets, statistics.totals());
    }

    private ReservationRow row(Reservation r, Progress progress) {
        return new ReservationRow(
                r.id().toString(),
                r.customerId(),
                r.subject(),
                r.text(),
                DashboardJson.text(r.createdAt()),
                DashboardJson.text(r.sendAt()),
                r.statusReason(),
                progress,
                cost(r));
    }

    private Cost cost(Reservation r) {
        if (r.status() == ReservationStatus.SCHEDULED) {
            return new Cost(currency.getCurrencyCode(), 0, "0", 0, "0", "0"); // nothing sent yet: nothing charged
        }
        List<Charge> charges = msgsvc.charges(r.customerId(), r.id());
        List<Refund> refunds = msgsvc.refunds(r.customerId(), r.id());
        BigDecimal charged = charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal refunded = refunds.stream()
                .map(Refund::amount)
                .filter(amount -> amount != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Cost(
                currency.getCurrencyCode(),
                charges.size(),
                charged.toPlainString(),
                refunds.size(),
                refunded.toPlainString(),
                charged.subtract(refunded).toPlainString());
    }
}
