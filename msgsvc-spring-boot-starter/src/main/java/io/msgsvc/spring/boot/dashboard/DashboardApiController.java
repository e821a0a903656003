package io.msgsvc.spring.boot.dashboard;

import io.msgsvc.api.PageRequest;
import io.msgsvc.api.ReservationId;
import io.msgsvc.spring.boot.dashboard.DashboardJson.DeliveryPage;
import io.msgsvc.spring.boot.dashboard.DashboardJson.Me;
import io.msgsvc.spring.boot.dashboard.DashboardJson.ReservationRow;
import io.msgsvc.spring.boot.dashboard.DashboardJson.RowPage;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's read-only JSON API and live stream, under {@code <base-path>/api}. Every call first asks
 * {@link DashboardAccess} who is looking and then reads the query strictly ({@link QueryParameters}); a customer
 * sees its own data, an operator names the customer with {@code customerId}.
 */
@RestController
@RequestMapping(
        path = "${msgsvc.dashboard.base-path:/msgsvc}/api",
        produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
final class DashboardApiController {
    static final int DEFAULT_ROWS = 50;
    static final int MAX_ROWS = 200;
    static final int DEFAULT_DELIVERIES = 100;
    static final int MAX_DELIVERIES = PageRequest.MAX_SIZE;
    static final Duration DEFAULT_STATISTICS_RANGE = Duration.ofDays(30);
    private static final String CUSTOMER = DashboardRequests.CUSTOMER;

    private final DashboardAccess access;
    private final DashboardQueries queries;
    private final DashboardBroadcaster broadcaster;
    private final MsgsvcDashboardProperties properties;
    private final Clock clock;

    DashboardApiController(
            DashboardAccess access,
            DashboardQueries queries,
            DashboardBroadcaster broadcaster,
            MsgsvcDashboardProperties properties,
            Clock clock) {
        this.access = access;
        this.queries = queries;
        this.broadcaster = broadcaster;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/me")
    Me me(HttpServletRequest request) {
        DashboardViewer viewer = viewer(request);
        QueryParameters.of(request);
        return new Me(
                viewer.name(),
                viewer.customerId(),
                viewer.operator(),
                properties.currency().getCurrencyCode(),
                properties.actionsEnabled());
    }

    /** Newest first, {@code size} (default 50) at a time; {@code page} 1 is the 50 before the newest 50. */
    @GetMapping("/reservations")
    RowPage reservations(HttpServletRequest request) {
        DashboardViewer viewer = viewer(request);
        QueryParameters query = QueryParameters.of(request, CUSTOMER, "page", "size");
        String customerId = customer(viewer, query, true);
        PageRequest page = PageRequest.of(
                query.integer("page", 0, 0, Integer.MAX_VALUE / MAX_ROWS),
                query.integer("size", DEFAULT_ROWS, 1, MAX_ROWS));
        return queries.rows(customerId, page);
    }

    @GetMapping("/reservations/{id}")
    ReservationRow reservation(HttpServletRequest request, @PathVariable("id") String id) {
        DashboardViewer viewer = viewer(request);
        QueryParameters query = QueryParameters.of(request, CUSTOMER);
        return queries.reservation(customer(viewer, query, true), reservationId(id));
    }

    /** Recipients in list order from {@code fromSequence} (default 0), {@code limit} (default 100) at a time. */
    @GetMapping("/reservations/{id}/deliveries")
    DeliveryPage deliveries(HttpServletRequest request, @PathVariable("id") String id) {
        DashboardViewer viewer = viewer(request);
        QueryParameters query = QueryParameters.of(request, CUSTOMER, "fromSequence", "limit");
        String customerId = customer(viewer, query, true);
        int fromSequence = query.integer("fromSequence", 0, 0, Integer.MAX_VALUE);
        int limit = query.integer("limit", DEFAULT_DELIVERIES, 1, MAX_DELIVERIES);
        return queries.deliveries(customerId, reservationId(id), fromSequence, limit);
    }

    /**
     * Counters per statistics period within {@code [from, to)}, from the start of the period {@code from} falls in;
     * by default the last 30 days. An operator who names no customer sees every customer's counters together.
     */
    @GetMapping("/statistics")
    DashboardJson.Statistics statistics(HttpServletRequest request) {
        DashboardViewer viewer = viewer(request);
        QueryParameters query = QueryParameters.of(request, CUSTOMER, "from", "to");
        String customerId = customer(viewer, query, false);
        Instant to = query.instant("to", clock.instant());
        Instant from = query.instant("from", to.minus(DEFAULT_STATISTICS_RANGE));
        if (from.isAfter(to)) {
            throw DashboardRequestException.badParameter("from", "must not be after to (" + to + "), was " + from);
        }
        return queries.statistics(customerId, from, to);
    }

    /** Row updates as they happen ({@code reservation} events), after a first {@code ready} event. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(HttpServletRequest request) {
        DashboardViewer viewer = viewer(request);
        QueryParameters query = QueryParameters.of(request, CUSTOMER);
        return broadcaster.open(customer(viewer, query, false));
    }

    private DashboardViewer viewer(HttpServletRequest request) {
        return DashboardRequests.viewer(access, request);
    }

    private static String customer(DashboardViewer viewer, QueryParameters query, boolean operatorMustName) {
        return DashboardRequests.customer(viewer, query, operatorMustName);
    }

    private static ReservationId reservationId(String id) {
        return DashboardRequests.reservationId(id);
    }
}
